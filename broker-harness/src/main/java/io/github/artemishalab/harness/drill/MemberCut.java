package io.github.artemishalab.harness.drill;

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
}
