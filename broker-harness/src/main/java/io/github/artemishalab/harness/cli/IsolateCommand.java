package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.net.Cut;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Cuts a node from everything: its peers and the clients. */
@Command(name = "isolate", mixinStandardHelpOptions = true,
        description = {"Cut a node from everything, both ways: its peers and the clients. It keeps running. "
                + "Heal with ./lab heal."})
public final class IsolateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    CutStyle style;

    @Mixin
    NodeTarget target;

    @Override
    public Integer call() {
        Cut cut = style.cut();
        lab.lab().network().isolate(target.node, cut);
        spec.commandLine().getOut().printf("Isolated %s (%s).%n", target.node, CutStyle.describe(cut));
        return 0;
    }
}
