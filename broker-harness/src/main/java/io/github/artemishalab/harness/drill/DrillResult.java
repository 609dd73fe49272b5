package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.artemishalab.clients.verify.ContinuityReport;
import java.util.List;

/**
 * Everything a drill measured; {@code results.json} is this record.
 *
 * @param mode       the HA mode
 * @param delivery   the clients' delivery mode
 * @param rate       the sender's target rate (msg/s)
 * @param seed       the seed that chose the fault order
 * @param failback   whether failback was on
 * @param startedAt  when the drill started (epoch ms)
 * @param endedAt    when it ended (epoch ms)
 * @param pairStartMs how long the pair took to be ready
 * @param rounds     one entry per round
 * @param continuity the verifier's report over the run's ledgers
 * @param verdict    ok, violated, unknown, or lab-failed
 * @param exitCode   0 ok, 1 violated, 3 unknown, 4 lab failed
 * @param note       why the drill ended early, if it did
 * @param watchdogReconnects how often a client gave up a failover that did not complete and reopened its connection
 * @param splitBrains when two nodes were active at once, and the lost messages confirmed then
 * @param activeOverlaps whether two brokers were ever active at the same instant, by the nodes' own state records
 *                   (null when they could not be read, and in a cluster, whose members are all active by design)
 * @param perNode    the traffic each broker carried, from the clients' records of where they were connected
 */
@JsonPropertyOrder({"mode", "delivery", "rate", "seed", "failback", "startedAt", "endedAt", "pairStartMs", "rounds",
        "continuity", "verdict", "exitCode", "note", "watchdogReconnects", "splitBrains", "activeOverlaps", "perNode"})
public record DrillResult(String mode, String delivery, double rate, long seed, boolean failback, long startedAt,
                          long endedAt, long pairStartMs, List<RoundResult> rounds, ContinuityReport continuity,
                          String verdict, int exitCode, String note, int watchdogReconnects,
                          SplitBrains splitBrains, ActiveOverlaps activeOverlaps, List<NodeTraffic> perNode) {

    public DrillResult {
        perNode = perNode == null ? List.of() : List.copyOf(perNode);
    }

    /** A result without per-node traffic. */
    public DrillResult(String mode, String delivery, double rate, long seed, boolean failback, long startedAt,
                       long endedAt, long pairStartMs, List<RoundResult> rounds, ContinuityReport continuity,
                       String verdict, int exitCode, String note, int watchdogReconnects, SplitBrains splitBrains,
                       ActiveOverlaps activeOverlaps) {
        this(mode, delivery, rate, seed, failback, startedAt, endedAt, pairStartMs, rounds, continuity, verdict,
                exitCode, note, watchdogReconnects, splitBrains, activeOverlaps, List.of());
    }
}
