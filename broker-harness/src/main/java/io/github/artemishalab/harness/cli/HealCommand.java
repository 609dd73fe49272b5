package io.github.artemishalab.harness.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Restores links: all of them, or those between two sides. */
@Command(name = "heal", mixinStandardHelpOptions = true,
        description = {"Restore links cut by partition or isolate, and remove delays: every link, or only those "
                + "between A and B. Connections held by a silent cut flow again; a side that closed meanwhile is "
                + "closed on the other side too."})
public final class HealCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Parameters(arity = "0..2", paramLabel = "A B", description = "Two sides (nodes or 'clients'); none: all.")
    List<String> sides = List.of();

    @Override
    public Integer call() {
        if (sides.size() == 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "heal takes no side (all links) or two (A B), not one");
        }
        if (sides.isEmpty()) {
            lab.lab().network().heal();
            spec.commandLine().getOut().println("Healed every link.");
        } else {
            lab.lab().network().heal(sides.get(0), sides.get(1));
            spec.commandLine().getOut().printf("Healed %s <-> %s.%n", sides.get(0), sides.get(1));
        }
        return 0;
    }
}
