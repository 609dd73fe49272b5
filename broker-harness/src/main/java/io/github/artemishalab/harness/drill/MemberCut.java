package io.github.artemishalab.harness.drill;

import java.util.List;
import java.util.Locale;

/**
 * What a network cut of an active/active cluster's member did (an {@code isolate-any} or {@code partition-any}
 * round). A cluster has no takeover to time: what matters is when the other members stopped counting the cut one,
 * whether its clients found a sibling while the cut lasted, and what it held until the heal.
 *
 * @param droppedMs       the cut to the moment the members across it no longer counted the cut member in their
 *                        cluster view (every sibling, for an isolation; the two cut apart, for a partition); null if
 *                        not within the hold
 * @param heldAtHeal      messages on the cut member's queues when the round healed it: on its disk, not lost, and
 *                        delivered after the heal (null if its status did not say)
 * @param clientsOnMember clients (senders and receivers) connected to the isolated member at the cut; null for a
 *                        partition, which leaves every client its member
 * @param clientsMoved    of those, how many connected to another member before the heal
 */
public record MemberCut(Long droppedMs, Long heldAtHeal, Integer clientsOnMember, Integer clientsMoved) {

    /** The same cut with what the clients' ledgers say about them. */
    MemberCut withClients(int on, int moved) {
        return new MemberCut(droppedMs, heldAtHeal, on, moved);
    }

    /**
     * The cut in one sentence, for the drill's table and its report: "its siblings dropped it after 7.9 s; 1 of its 1
     * client(s) reached a sibling before the heal; 0 message(s) on it at the heal (held, not lost)".
     */
    public String describe(FaultKind fault, String member) {
        boolean isolation = fault.action() == FaultKind.Action.ISOLATE;
        StringBuilder s = new StringBuilder(isolation ? "its siblings " : "the two ");
        s.append(droppedMs == null ? "still counted " + (isolation ? "it" : "each other") + " at the heal"
                : "dropped " + (isolation ? "it" : "each other") + " after "
                + String.format(Locale.ROOT, "%.1f s", droppedMs / 1000.0));
        if (clientsOnMember != null) {
            s.append("; ").append(clientsMoved).append(" of its ").append(clientsOnMember)
                    .append(" client(s) reached a sibling before the heal");
        }
        if (heldAtHeal != null) {
            s.append("; ").append(heldAtHeal).append(" message(s) on ").append(isolation ? "it" : member)
                    .append(" at the heal (held, not lost)");
        }
        return s.toString();
    }

    /**
     * A line for each round that cut a member, {@link #describe} with its round: "round 1, isolate-any node1: ...";
     * empty when no round did (or none ran).
     */
    public static List<String> lines(List<RoundResult> rounds) {
        return rounds == null ? List.of() : rounds.stream().filter(r -> r.memberCut() != null)
                .map(r -> "round " + r.round() + ", " + r.fault() + " " + r.node() + ": "
                        + r.memberCut().describe(r.fault(), r.node().split("/")[0])).toList();
    }
}
