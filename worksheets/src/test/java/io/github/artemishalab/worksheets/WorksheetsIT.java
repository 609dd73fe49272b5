package io.github.artemishalab.worksheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The worksheets run in {@code -Dworksheets.lanes} lanes side by side (default 2: 01, 03, 05 in one, 02, 04, 07 in
 * the other), each lane one worksheet at a time, with its own lab directory and its own share of the ports: most of
 * a worksheet's time is spent waiting (a TTL, an idle timeout), so two lanes nearly halve the wall clock on two
 * cores. {@code -Dworksheets.alone} (default 06, whose steps race ZooKeeper sessions) runs after the lanes, on its
 * own. {@code -Dworksheets.lanes=1} runs them all one after the other.
 */
class WorksheetsIT {

    private static final Pattern WORKSHEET = Pattern.compile("\\d\\d-.+\\.md");

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

    private Map<Path, Future<?>> startLanes(List<Path> files, int lanes) {
        Map<Path, Future<?>> started = new LinkedHashMap<>();
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "worksheet-lane-" + l);
                t.setDaemon(true);
                return t;
            });
            for (int i = lane; i < files.size(); i += lanes) {
                Path f = files.get(i);
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
