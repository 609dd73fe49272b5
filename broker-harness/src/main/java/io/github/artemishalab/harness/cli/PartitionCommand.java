package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.net.Cut;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Cuts the links between two nodes, or between a node and the clients. */
@Command(name = "partition", mixinStandardHelpOptions = true,
        description = {"Cut every link between two nodes, both ways, between a node and the clients "
                + "(NODE clients), or between a broker and the whole ZooKeeper ensemble (NODE zk, replication-zk), "
                + "through the lab's fault proxy. Heal with ./lab heal.",
                "Example: ./lab partition primary backup   (a replicated pair without a quorum: split brain)",
                "Example: ./lab partition primary zk       (replication-zk: the primary loses its lock)"})
public final class PartitionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    CutStyle style;

    @Parameters(index = "0", paramLabel = "A", description = "A node.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Another node, 'clients', or 'zk' (every ZooKeeper server).")
    String b;

    @Override
    public Integer call() {
        Cut cut = style.cut();
        lab.lab().network().partition(a, b, cut);
        spec.commandLine().getOut().printf("Cut %s <-> %s (%s).%n", a, b, CutStyle.describe(cut));
        return 0;
    }
}
