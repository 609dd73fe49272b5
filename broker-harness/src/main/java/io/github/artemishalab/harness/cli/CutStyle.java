package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.net.Cut;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How a link is cut: silently (a pulled cable) or with a reset (a firewall that answers). */
public final class CutStyle {

    @ArgGroup(exclusive = true)
    Choice choice;

    static final class Choice {
        @Option(names = "--drop", description = "Bytes stop flowing and connections stay open, as after a pulled "
                + "cable: only pings and the connection TTL find it (the default).")
        boolean drop;

        @Option(names = "--reset", description = "Every connection is reset at once, and new ones too.")
        boolean reset;
    }

    Cut cut() {
        return choice != null && choice.reset ? Cut.RESET : Cut.DROP;
    }

    static String describe(Cut cut) {
        return cut == Cut.RESET ? "reset: connections refused at once" : "drop: bytes stop, connections stay open";
    }
}
