package io.github.artemishalab.harness.drill;

import io.github.artemishalab.harness.net.Cut;
import java.time.Duration;

/**
 * How a drill's network faults run.
 *
 * @param proxy whether the lab runs its fault proxy (network faults need it; off, clients and nodes connect directly)
 * @param cut   how a partition cuts: silently (drop) or with resets
 * @param hold  how long a cut or a delay lasts before the round heals it
 * @param delay the latency the {@code delay} fault adds to each link of the node, each way
 */
public record NetFaults(boolean proxy, Cut cut, Duration hold, Duration delay) {

    /** The proxy on, silent cuts held 15 s (longer than the lab's 5-10 s to find a silent peer), 200 ms delays. */
    public static final NetFaults DEFAULT = new NetFaults(true, Cut.DROP, Duration.ofSeconds(15),
            Duration.ofMillis(200));
}
