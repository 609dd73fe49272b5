package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Topology;
import picocli.CommandLine.Option;

/** What a pair is made of, for the commands that make one ({@code up}, {@code drill}). */
public final class PairOptions {

    /** The primary's port when neither {@code --base-port} nor {@code LAB_BASE_PORT} says otherwise. */
    static final int DEFAULT_BASE_PORT = 61616;

    @Option(names = "--mode", defaultValue = "replication", converter = ModeConverter.class,
            description = "shared-store or replication (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--base-port", paramLabel = "N", defaultValue = "${env:LAB_BASE_PORT}",
            description = "The primary's port; the backup gets N+100 (default: $LAB_BASE_PORT, else "
                    + DEFAULT_BASE_PORT + "; up keeps the port the lab used before).")
    Integer basePort;

    @Option(names = "--failback", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Whether a returning primary takes over again (default: on).")
    boolean failback;

    @Option(names = "--fault-proxy", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Put the lab's fault proxy on every link, so that partition, isolate and delay work "
                    + "(default: on; loopback only; --no-fault-proxy connects clients and nodes directly).")
    boolean faultProxy;

    /** Refuses a base port out of range before anything is written. */
    void validate() {
        Topology.pair(mode, basePortOr(DEFAULT_BASE_PORT));
    }

    int basePortOr(int fallback) {
        return basePort != null ? basePort : fallback;
    }
}
