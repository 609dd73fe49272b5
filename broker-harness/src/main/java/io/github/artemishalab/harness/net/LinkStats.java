package io.github.artemishalab.harness.net;

/**
 * Counters of one link of the fault proxy.
 *
 * @param rule            the rule in force
 * @param open            connections accepted and not yet closed on both sides (a connection held by a
 *                        {@link Cut#DROP} counts: its peers still think it open)
 * @param accepted        connections accepted since the proxy started, including those reset at once
 * @param bytesToTarget   bytes forwarded from the dialling side to the target
 * @param bytesFromTarget bytes forwarded from the target back to the dialling side
 * @param heldBytes       bytes the proxy has read and not yet forwarded, both ways: waiting out a delay, or read
 *                        just as a {@link Cut#DROP} began (they go on after the heal, as TCP would retransmit them)
 */
public record LinkStats(LinkRule rule, int open, long accepted, long bytesToTarget, long bytesFromTarget,
                        long heldBytes) {
}
