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

    /**
     * {@code ./lab up}'s wall clock (command to prompt) and where the time went, medians; beside it a stock pair's
     * wall clock and lab/stock run by run (null when the stock pair was not measured).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"medianMs", "minMs", "maxMs", "upSaysMedianMs", "jvmMedianMs", "brokerMedianMs",
            "syncMedianMs", "primaryRssMedianMib", "backupRssMedianMib", "proxyRssMedianMib", "totalRssMedianMib",
            "stockMedianMs", "stockMinMs", "stockMaxMs", "ratioMedian", "ratioMin", "ratioMax",
            "stockPrimaryRssMedianMib", "stockBackupRssMedianMib", "stockTotalRssMedianMib"})
    public record Startup(long medianMs, long minMs, long maxMs, long upSaysMedianMs, long jvmMedianMs,
                          long brokerMedianMs, long syncMedianMs, long primaryRssMedianMib, long backupRssMedianMib,
                          long proxyRssMedianMib, long totalRssMedianMib, Long stockMedianMs, Long stockMinMs,
                          Long stockMaxMs, Double ratioMedian, Double ratioMin, Double ratioMax,
                          Long stockPrimaryRssMedianMib, Long stockBackupRssMedianMib, Long stockTotalRssMedianMib) {
        public static Startup of(StartupBench.Result s) {
            boolean stock = s.stockMeasured();
            return new Startup(s.labWall().median(), s.labWall().min(), s.labWall().max(), s.upSays().median(),
                    s.jvm().median(), s.broker().median(), s.sync().median(), s.primaryRss().median(),
                    s.backupRss().median(), s.proxyRss().median(), s.labTotalRss().median(),
                    stock ? s.stockWall().median() : null, stock ? s.stockWall().min() : null,
                    stock ? s.stockWall().max() : null, stock ? round(s.ratio().median()) : null,
                    stock ? round(s.ratio().min()) : null, stock ? round(s.ratio().max()) : null,
                    stock ? s.stockPrimaryRss().median() : null, stock ? s.stockBackupRss().median() : null,
                    stock ? s.stockTotalRss().median() : null);
        }

        private static double round(double ratio) {
            return Math.round(ratio * 100) / 100.0;
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

    /**
     * msg/s medians; {@code perfClient} (what Artemis's perf client's producer had confirmed) and
     * {@code perfClientReceived} are null when its tool could not be fetched.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"blocking", "tx100", "consume", "labSender", "perfClient", "perfClientReceived"})
    public record Throughput(long blocking, long tx100, long consume, long labSender, Long perfClient,
                             Long perfClientReceived) {
        public static Throughput of(Bench.Throughput t) {
            return new Throughput(t.blocking().median(), t.tx100().median(), t.consume().median(),
                    t.labSender().median(), t.perfSent() == null ? null : t.perfSent().median(),
                    t.perfReceived() == null ? null : t.perfReceived().median());
        }
    }
}
