package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.MemberCut;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** The lines of a cluster drill's table that a pair's has not: traffic per member, what each cut did, the legend. */
final class ClusterLines {

    private ClusterLines() {
    }

    static void perNode(PrintWriter out, DrillResult r) {
        if (!r.perNode().isEmpty()) {
            out.printf("  per node: %s%n", r.perNode().stream().map(n -> n.node() + " " + n.confirmed()
                    + " confirmed, " + n.received() + " received (" + n.clients() + " clients)")
                    .collect(Collectors.joining("; ")));
        }
    }

    /** One line per round that cut a member: when the others dropped it, where its clients went, what it held. */
    static void cuts(PrintWriter out, DrillResult r) {
        MemberCut.lines(r.rounds()).forEach(line -> out.printf("  %s%n", line));
    }

    static void legend(PrintWriter out, DrillResult r) {
        boolean cuts = r.rounds().stream().anyMatch(x -> x.memberCut() != null);
        out.println("  (WORST CL: the longest any one client waited after the fault, the one whose member died"
                + (cuts ? " or was cut" : "") + "; SEND GAP and RECV GAP: the first send and receipt of any client; "
                + "REJOINED: restart" + (cuts ? " or heal" : "") + " to the member back in the cluster)");
    }
}
