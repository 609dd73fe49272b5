package io.github.artemishalab.harness.bench;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code lab bench --json} prints: the machine, and one map per figure measured, keyed by mode (or setup).
 * Figures in ms, throughput in msg/s; a figure not measured in this run is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"machine", "startup", "failover", "activation", "throughput", "soak", "network"})
public record BenchFigures(String machine, Map<String, Startup> startup, Map<String, Failover> failover,
                           Map<String, Activation> activation, Map<String, Throughput> throughput,
                           Map<String, Soak.Result> soak, Map<String, Bench.Network> network) {

    public static BenchFigures of(String machine) {
        return new BenchFigures(machine, null, null, null, null, null, null);
    }

    public BenchFigures withNetwork(Map<String, Bench.Network> m) {
        return new BenchFigures(machine, startup, failover, activation, throughput, soak, m);
    }

    public BenchFigures withStartup(Map<String, Startup> m) {
        return new BenchFigures(machine, m, failover, activation, throughput, soak, network);
    }

    public BenchFigures withFailover(Map<String, Failover> m) {
        return new BenchFigures(machine, startup, m, activation, throughput, soak, network);
    }

    public BenchFigures withActivation(Map<String, Activation> m) {
        return new BenchFigures(machine, startup, failover, m, throughput, soak, network);
    }

    public BenchFigures withThroughput(Map<String, Throughput> m) {
        return new BenchFigures(machine, startup, failover, activation, m, soak, network);
    }

    public BenchFigures withSoak(Map<String, Soak.Result> m) {
        return new BenchFigures(machine, startup, failover, activation, throughput, m, network);
    }

    /** {@code up} to ready, and where the time went (medians). */
    @JsonPropertyOrder({"medianMs", "minMs", "maxMs", "jvmMedianMs", "brokerMedianMs", "syncMedianMs",
            "primaryRssMedianMib", "backupRssMedianMib"})
    public record Startup(long medianMs, long minMs, long maxMs, long jvmMedianMs, long brokerMedianMs,
                          long syncMedianMs, long primaryRssMedianMib, long backupRssMedianMib) {
        public static Startup of(Bench.Startup s) {
            return new Startup(s.total().median(), s.total().min(), s.total().max(), s.jvm().median(),
                    s.broker().median(), s.sync().median(), s.primaryRss().median(), s.backupRss().median());
        }
    }

    /** Outage figures of kill -9 rounds, with those of clean-stop rounds nested. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"backupActiveMedianMs", "sendGapMedianMs", "receiveGapMedianMs", "worstMs", "stuckRounds",
            "failbackGapMedianMs", "watchdogReconnects", "gracefulStop"})
    public record Failover(long backupActiveMedianMs, long sendGapMedianMs, long receiveGapMedianMs, long worstMs,
                           int stuckRounds, long failbackGapMedianMs, int watchdogReconnects, Failover gracefulStop) {
        public static Failover of(Bench.Failover f) {
            return new Failover(f.backupActive().median(), f.sendGap().median(), f.receiveGap().median(),
                    f.worstMs(), f.stuckRounds(), f.failbackGap().median(), f.watchdogReconnects(), null);
        }

        public Failover withGracefulStop(Failover g) {
            return new Failover(backupActiveMedianMs, sendGapMedianMs, receiveGapMedianMs, worstMs, stuckRounds,
                    failbackGapMedianMs, watchdogReconnects, g);
        }
    }

    /** Backup activation time by journal depth ({@code "1000": 412, ...}) and its slope. */
    public record Activation(@JsonAnyGetter Map<String, Long> byDepth, double slopeMsPer10k) {
        public Activation {
            byDepth = new LinkedHashMap<>(byDepth);
        }
    }

    /** msg/s medians; {@code perfClient} stays null while Artemis's perf client cannot be run here. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"blocking", "tx100", "consume", "labSender", "perfClient"})
    public record Throughput(long blocking, long tx100, long consume, long labSender, Long perfClient) {
        public static Throughput of(Bench.Throughput t) {
            return new Throughput(t.blocking().median(), t.tx100().median(), t.consume().median(),
                    t.labSender().median(), null);
        }
    }
}
