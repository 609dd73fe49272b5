package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.drill.MemberCut;
import io.github.artemishalab.harness.drill.RoundResult;
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
        for (RoundResult x : r.rounds()) {
            MemberCut c = x.memberCut();
            if (c != null) {
                out.printf("  round %d, %s %s: %s%n", x.round(), x.fault(), x.node(),
                        describe(x.fault(), x.node().split("/")[0], c));
            }
        }
    }

    static String describe(FaultKind fault, String member, MemberCut c) {
        boolean isolation = fault.action() == FaultKind.Action.ISOLATE;
        StringBuilder s = new StringBuilder(isolation ? "its siblings " : "the two ");
        s.append(c.droppedMs() == null ? "still counted " + (isolation ? "it" : "each other") + " at the heal"
                : "dropped " + (isolation ? "it" : "each other") + " after " + seconds(c.droppedMs()));
        if (c.clientsOnMember() != null) {
            s.append("; ").append(c.clientsMoved()).append(" of its ").append(c.clientsOnMember())
                    .append(" client(s) reached a sibling before the heal");
        }
        if (c.heldAtHeal() != null) {
            s.append("; ").append(c.heldAtHeal()).append(" message(s) on ").append(isolation ? "it" : member)
                    .append(" at the heal (held, not lost)");
        }
        return s.toString();
    }

    static void legend(PrintWriter out, DrillResult r) {
        boolean cuts = r.rounds().stream().anyMatch(x -> x.memberCut() != null);
        out.println("  (WORST CL: the longest any one client waited after the fault, the one whose member died"
                + (cuts ? " or was cut" : "") + "; SEND GAP and RECV GAP: the first send and receipt of any client; "
                + "REJOINED: restart" + (cuts ? " or heal" : "") + " to the member back in the cluster)");
    }

    private static String seconds(long ms) {
        return String.format("%.1f s", ms / 1000.0);
    }
}
