package io.github.artemishalab.worksheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every worksheet ({@code worksheets/NN-*.md}) exactly as written, one dynamic test per worksheet, in file
 * name order. {@code -Dworksheet=02,03} runs only the worksheets whose names contain one of those strings.
 * <p>
 * The worksheets run in {@code -Dworksheets.lanes} lanes side by side (default 2, balanced by each worksheet's last
 * measured duration, {@link #SECONDS}), each lane one worksheet at a time, with its own lab directory and its own share
 * of the ports: most of
 * a worksheet's time is spent waiting (a TTL, an idle timeout), so two lanes nearly halve the wall clock on two
 * cores. {@code -Dworksheets.alone} (default 06, whose steps race ZooKeeper sessions) runs after the lanes, on its
 * own. {@code -Dworksheets.lanes=1} runs them all one after the other.
 */
class WorksheetsIT {

    private static final Pattern WORKSHEET = Pattern.compile("\\d\\d-.+\\.md");
    /**
     * Seconds each worksheet took in a CI run on 2 cores (target/worksheet-runs/timings.txt), only to balance the
     * lanes: the longest first, each to the lane with the least so far. A worksheet not listed counts as 100 s.
     */
    static final Map<String, Integer> SECONDS = Map.of("01-shared-store.md", 87, "02-replication.md", 82,
            "03-client-guarantees.md", 111, "04-drills-and-tuning.md", 75, "05-network-faults.md", 130,
            "07-clusters.md", 115);

    private final Path repoRoot = Path.of(System.getProperty("worksheets.repoRoot", "..")).toAbsolutePath().normalize();
    private final Path dir = Path.of(System.getProperty("worksheets.dir", ".")).toAbsolutePath().normalize();
    private final Path runs = Path.of(System.getProperty("worksheets.runDir", "target/worksheet-runs")).toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> worksheets() throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> WORKSHEET.matcher(p.getFileName().toString()).matches()).filter(this::selected)
                    .sorted().toList();
        }
        assertThat(files).as("worksheets in %s (filter: %s)", dir, System.getProperty("worksheet")).isNotEmpty();
        Files.createDirectories(runs);
        Files.deleteIfExists(runs.resolve("timings.txt"));
        // the quorum worksheet times ZooKeeper sessions: it runs on its own, after the lanes, on an idle machine
        List<String> aloneNames = Arrays.stream(System.getProperty("worksheets.alone", "06-").split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).toList();
        List<Path> alone = files.stream().filter(f -> aloneNames.stream()
                .anyMatch(n -> f.getFileName().toString().contains(n))).toList();
        List<Path> laned = files.stream().filter(f -> !alone.contains(f)).toList();
        int lanes = Math.max(1, Math.min(laned.size(), Integer.getInteger("worksheets.lanes", 2)));
        if (lanes > 1) {
            buildLabOnce(); // so that two lanes' first ./lab never both build the jar
        }
        Map<Path, Future<?>> started = startLanes(laned, lanes);
        List<Future<?>> lanesDone = List.copyOf(started.values());
        ExecutorService afterwards = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "worksheet-alone");
            t.setDaemon(true);
            return t;
        });
        for (Path f : alone) {
            started.put(f, afterwards.submit(() -> {
                for (Future<?> x : lanesDone) {
                    try {
                        x.get();
                    } catch (ExecutionException failedThere) {
                        // reported by its own test
                    }
                }
                run(f, 0, 1);
                return null;
            }));
        }
        afterwards.shutdown();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> {
            try {
                started.get(f).get();
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }));
    }

    /** The files in {@code lanes} lanes of about equal {@link #SECONDS}, each lane in file name order. */
    static List<List<Path>> balance(List<Path> files, int lanes) {
        List<List<Path>> out = new ArrayList<>();
        int[] load = new int[lanes];
        for (int i = 0; i < lanes; i++) {
            out.add(new ArrayList<>());
        }
        ToIntFunction<Path> seconds = f -> SECONDS.getOrDefault(f.getFileName().toString(), 100);
        for (Path f : files.stream().sorted(Comparator.comparingInt(seconds).reversed()).toList()) {
            int least = 0;
            for (int i = 1; i < lanes; i++) {
                least = load[i] < load[least] ? i : least;
            }
            out.get(least).add(f);
            load[least] += seconds.applyAsInt(f);
        }
        out.forEach(l -> l.sort(Comparator.naturalOrder()));
        return out;
    }

    private Map<Path, Future<?>> startLanes(List<Path> files, int lanes) {
        Map<Path, Future<?>> started = new LinkedHashMap<>();
        List<List<Path>> balanced = balance(files, lanes);
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "worksheet-lane-" + l);
                t.setDaemon(true);
                return t;
            });
            for (Path f : balanced.get(lane)) {
                started.put(f, executor.submit(() -> {
                    run(f, l, lanes);
                    return null;
                }));
            }
            executor.shutdown();
        }
        return started;
    }

    private void buildLabOnce() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("./lab", "--version").directory(repoRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).as("./lab --version (builds the lab jar if needed)").isZero();
    }

    private boolean selected(Path file) {
        String filter = System.getProperty("worksheet", "").trim();
        return filter.isEmpty() || Arrays.stream(filter.split(",")).map(String::trim)
                .anyMatch(f -> !f.isEmpty() && file.getFileName().toString().contains(f));
    }

    private void run(Path file, int lane, int lanes) throws Exception {
        Worksheet worksheet = Worksheet.read(file);
        assertThat(worksheet.blocks()).as("%s has no ```sh lab block to run", file.getFileName())
                .anyMatch(b -> b.kind() == Worksheet.Kind.COMMAND);
        long t0 = System.nanoTime();
        String outcome = "failed";
        try {
            try (WorksheetRun run = new WorksheetRun(worksheet, repoRoot,
                    runs.resolve(WorksheetRun.stem(worksheet.name())), System.out, lane, lanes)) {
                run.run();
            }
            outcome = "passed"; // the teardown's check that every process is gone is part of passing
        } finally {
            double seconds = (System.nanoTime() - t0) / 1e9;
            String line = String.format(Locale.ROOT, "%-28s %6.1f s  %s%n", worksheet.name(), seconds, outcome);
            System.out.print("[worksheets] " + line);
            synchronized (WorksheetsIT.class) {
                Files.writeString(runs.resolve("timings.txt"), line, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }
}
