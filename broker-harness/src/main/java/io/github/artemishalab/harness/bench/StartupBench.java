package io.github.artemishalab.harness.bench;

import io.github.artemishalab.harness.lab.ClassDataArchive;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.topology.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Start-up as the user's stopwatch sees it: {@code ./lab up} run as a command, interleaved run by run with a stock
 * Artemis pair of the same mode (configs from {@code artemis create}), so that the ratio is measured in one sitting.
 */
public final class StartupBench {

    /** The modes a stock pair exists for. */
    public static final List<Mode> MODES = List.of(Mode.SHARED_STORE, Mode.REPLICATION);

    /**
     * Per mode: {@code ./lab up}'s wall clock and what it printed, the nodes' breakdown, each JVM's resident memory;
     * the stock pair's wall clock and memory, and lab/stock run by run (the stock figures null when not measured).
     */
    public record Result(Stats labWall, Stats upSays, Stats jvm, Stats broker, Stats sync, Stats primaryRss,
                         Stats backupRss, Stats proxyRss, Stats labTotalRss, Stats stockWall, Ratio ratio,
                         Stats stockPrimaryRss, Stats stockBackupRss, Stats stockTotalRss) {

        public boolean stockMeasured() {
            return stockWall != null;
        }
    }

    private final Path root;
    private final int runs;
    private final Consumer<String> progress;
    private final Optional<ArtemisCliTool> tool;

    /** {@code tool} empty: the lab alone (the stock figures are left out). */
    public StartupBench(Path root, int runs, Optional<ArtemisCliTool> tool, Consumer<String> progress) {
        this.root = root;
        this.runs = runs;
        this.tool = tool;
        this.progress = progress;
    }

    public Map<Mode, Result> run() {
        // once per build, and ./lab up would record it inside the first timed run: record it before the clock runs
        ClassDataArchive.ensure(progress);
        Map<Mode, List<LabUpRun.Result>> lab = new LinkedHashMap<>();
        Map<Mode, List<StockPair.Start>> stock = new LinkedHashMap<>();
        Map<Mode, LabUpRun> ups = new LinkedHashMap<>();
        Map<Mode, StockPair> pairs = new LinkedHashMap<>();
        for (Mode mode : MODES) {
            lab.put(mode, new ArrayList<>());
            stock.put(mode, new ArrayList<>());
            ups.put(mode, new LabUpRun(root.resolve("startup-" + mode.id())));
            tool.ifPresent(t -> pairs.put(mode, new StockPair(t, mode, root.resolve("stock-" + mode.id()))));
        }
        // Ctrl-C: the nodes of ./lab up run in sessions of their own, so nothing but this reaches them
        Thread cleanup = new Thread(() -> {
            ups.values().forEach(LabUpRun::shutDown);
            pairs.values().forEach(StockPair::shutDown);
        }, "bench-startup-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            for (int i = 1; i <= runs; i++) {
                for (Mode mode : MODES) {
                    // alternate who goes first, so that neither side always meets a machine just warmed by the other
                    boolean labFirst = i % 2 == 1;
                    if (labFirst) {
                        lab.get(mode).add(labUp(ups.get(mode), mode, i));
                    }
                    if (pairs.containsKey(mode)) {
                        stock.get(mode).add(stock(pairs.get(mode), mode, i));
                    }
                    if (!labFirst) {
                        lab.get(mode).add(labUp(ups.get(mode), mode, i));
                    }
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
            ups.values().forEach(LabUpRun::close);
            pairs.values().forEach(StockPair::close);
        }
        Map<Mode, Result> out = new LinkedHashMap<>();
        for (Mode mode : MODES) {
            out.put(mode, result(lab.get(mode), tool.isPresent() ? stock.get(mode) : null));
        }
        return out;
    }

    static Result result(List<LabUpRun.Result> lab, List<StockPair.Start> stock) {
        List<Long> wall = lab.stream().map(LabUpRun.Result::wallMs).toList();
        Stats stockWall = null;
        Ratio ratio = null;
        Stats stockPrimary = null;
        Stats stockBackup = null;
        Stats stockTotal = null;
        if (stock != null) {
            List<Long> ready = stock.stream().map(StockPair.Start::readyMs).toList();
            stockWall = Stats.of(ready);
            ratio = Ratio.of(wall, ready);
            stockPrimary = Stats.of(stock.stream().map(StockPair.Start::primaryRssMib).toList());
            stockBackup = Stats.of(stock.stream().map(StockPair.Start::backupRssMib).toList());
            stockTotal = Stats.of(stock.stream().map(s -> sum(s.primaryRssMib(), s.backupRssMib(), 0L)).toList());
        }
        return new Result(Stats.of(wall), Stats.of(lab.stream().map(LabUpRun.Result::upSaysMs).toList()),
                Stats.of(lab.stream().map(LabUpRun.Result::jvmMs).toList()),
                Stats.of(lab.stream().map(LabUpRun.Result::brokerMs).toList()),
                Stats.of(lab.stream().map(LabUpRun.Result::syncMs).toList()),
                Stats.of(lab.stream().map(LabUpRun.Result::primaryRss).toList()),
                Stats.of(lab.stream().map(LabUpRun.Result::backupRss).toList()),
                Stats.of(lab.stream().map(LabUpRun.Result::proxyRss).toList()),
                Stats.of(lab.stream().map(r -> sum(r.primaryRss(), r.backupRss(), r.proxyRss())).toList()), stockWall,
                ratio, stockPrimary, stockBackup, stockTotal);
    }

    /** The whole pair's resident memory; null when one JVM's could not be read. */
    private static Long sum(Long a, Long b, Long c) {
        return a == null || b == null || c == null ? null : a + b + c;
    }

    private LabUpRun.Result labUp(LabUpRun up, Mode mode, int i) {
        try {
            LabUpRun.Result r = up.run(mode, Bench.TIMEOUT);
            progress.accept(String.format("startup %s run %d/%d: ./lab up returned after %d ms (it says %s ms)", mode,
                    i, runs, r.wallMs(), r.upSaysMs()));
            return r;
        } catch (IOException e) {
            throw new LabException(LabException.LAB_FAILED, "bench startup: " + e.getMessage(), e);
        }
    }

    private StockPair.Start stock(StockPair pair, Mode mode, int i) {
        try {
            StockPair.Start s = pair.start(Bench.TIMEOUT);
            progress.accept(String.format("startup %s run %d/%d: stock pair ready after %d ms", mode, i, runs,
                    s.readyMs()));
            return s;
        } catch (IOException e) {
            throw new LabException(LabException.LAB_FAILED, "bench startup: " + e.getMessage(), e);
        }
    }

    /** The stock figures' tool, or empty after one line that says why they are left out. */
    public static Optional<ArtemisCliTool> tool(Path cacheDir, Consumer<String> progress) {
        try {
            return Optional.of(ArtemisCliTool.fetch(cacheDir));
        } catch (ArtemisCliTool.Unavailable e) {
            progress.accept(e.getMessage());
            return Optional.empty();
        }
    }
}
