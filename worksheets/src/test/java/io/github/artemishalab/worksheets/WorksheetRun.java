package io.github.artemishalab.worksheets;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs one worksheet's blocks in order, from the repository root, with its own {@code LAB_DIR} and
 * {@code LAB_BASE_PORT}; {@link #close()} tears everything down, pass or fail, and proves that every process it
 * started is gone.
 */
final class WorksheetRun implements AutoCloseable {

    /** How long a foreground block may run unless it says {@code timeout=S}. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(300);
    /** How long an output check on a terminal waits unless it says {@code timeout=S}. */
    static final Duration TERMINAL_TIMEOUT = Duration.ofSeconds(120);
    /** A process started no further than this from the start time the lab recorded is the same process. */
    private static final long START_TOLERANCE_MS = 2000;
    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");
    private static final Pattern STARTED_AT = Pattern.compile("\"startedAt\"\\s*:\\s*(\\d+)");

    private final Worksheet worksheet;
    private final Path repoRoot;
    private final Path runDir;
    private final Path labDir;
    private final int basePort;
    private final PrintStream log;
    private final Map<String, BlockProcess> terminals = new LinkedHashMap<>();
    private final List<BlockProcess> all = new ArrayList<>();
    private BlockProcess last;
    private boolean failed;

    WorksheetRun(Worksheet worksheet, Path repoRoot, Path runDir, PrintStream log) throws IOException {
        this(worksheet, repoRoot, runDir, log, 0, 1);
    }

    /**
     * A run in lane {@code lane} of {@code lanes} running side by side: each lane takes its base port from its own
     * share of the range, so that two worksheets never pick overlapping ports.
     */
    WorksheetRun(Worksheet worksheet, Path repoRoot, Path runDir, PrintStream log, int lane, int lanes)
            throws IOException {
        this.worksheet = worksheet;
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.runDir = runDir;
        this.log = log;
        deleteTree(runDir);
        Files.createDirectories(runDir);
        this.labDir = Files.createTempDirectory("worksheet-" + stem(worksheet.name()) + "-");
        this.basePort = freeBasePort(lane, lanes);
    }

    Path labDir() {
        return labDir;
    }

    int basePort() {
        return basePort;
    }

    /** Runs every block in order; the first step that fails ends the run with an {@link AssertionError}. */
    void run() throws InterruptedException {
        log.printf("[%s] LAB_DIR=%s LAB_BASE_PORT=%d, logs in %s%n", worksheet.name(), labDir, basePort, runDir);
        List<Worksheet.Block> blocks = worksheet.blocks();
        try {
            for (int i = 0; i < blocks.size(); i++) {
                Worksheet.Block b = blocks.get(i);
                switch (b.kind()) {
                    case COMMAND -> command(b);
                    case OUTPUT -> output(i, b);
                    case SHOWN -> {
                        // shown to the reader only
                    }
                }
            }
        } catch (AssertionError | RuntimeException | InterruptedException e) {
            failed = true;
            throw e;
        }
    }

    private Map<String, String> env() {
        return Map.of("LAB_DIR", labDir.toString(), "LAB_BASE_PORT", Integer.toString(basePort));
    }

    private void command(Worksheet.Block b) throws InterruptedException {
        Optional<String> terminal = b.terminal();
        if (terminal.isPresent()) {
            BlockProcess running = terminals.get(terminal.get());
            if (running != null && running.running()) {
                throw new AssertionError(where(b) + ": terminal " + terminal.get() + " is still running the block at line "
                        + running.block().line() + " (" + running.block().firstLine() + ")");
            }
            BlockProcess p = BlockProcess.start(b, "terminal " + terminal.get(), repoRoot, env(),
                    runDir.resolve(String.format(Locale.ROOT, "L%03d-terminal-%s.log", b.line(), terminal.get())));
            terminals.put(terminal.get(), p);
            all.add(p);
            last = p;
            log.printf("[%s] terminal %s $ %s%n", where(b), terminal.get(), b.firstLine());
            return;
        }
        log.printf("[%s] $ %s%n", where(b), b.firstLine());
        BlockProcess p = BlockProcess.start(b, "the command's output", repoRoot, env(),
                runDir.resolve(String.format(Locale.ROOT, "L%03d.log", b.line())));
        all.add(p);
        last = p;
        Duration timeout = b.timeout(COMMAND_TIMEOUT);
        if (!p.waitFor(timeout)) {
            p.killTree();
            throw new AssertionError(where(b) + ": did not finish within " + timeout.toSeconds() + " s (killed)"
                    + "\n  command: " + b.text().replace("\n", "\n           ")
                    + "\n" + OutputMatcher.tail(p.lines()));
        }
        int code = p.exitCode();
        log.printf("[%s]   exit %d after %.1f s%n", where(b), code, p.seconds());
        if (!b.exitCodes().contains(code)) {
            throw new AssertionError(where(b) + ": exited with " + code + ", expected "
                    + (b.exitCodes().size() == 1 ? "" : "one of ") + b.exitCodes().stream().sorted().toList()
                    .toString().replaceAll("[\\[\\]]", "")
                    + "\n  command: " + b.text().replace("\n", "\n           ")
                    + "\n" + OutputMatcher.tail(p.lines()));
        }
    }

    private void output(int index, Worksheet.Block b) {
        // Blocks run in order, so the last command started is the one this block follows (Worksheet checked that).
        BlockProcess source = b.terminal().map(terminals::get).orElse(last);
        if (source == null || b.terminal().isEmpty() && source.block() != worksheet.commandFor(index).orElse(null)) {
            throw new IllegalStateException(where(b) + ": no command output to check");
        }
        if (!source.running()) {
            check(b, source, true);
            return;
        }
        Duration timeout = b.timeout(TERMINAL_TIMEOUT);
        long t0 = System.nanoTime();
        AtomicBoolean found = new AtomicBoolean();
        try {
            await(source.label() + " to print the lines of " + where(b))
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        source.remember();
                        boolean ended = !source.running();
                        found.set(check(b, source, false));
                        return found.get() || ended;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(mismatch(b, source, "within " + timeout.toSeconds() + " s"));
        }
        if (!found.get()) {
            check(b, source, true); // it ended: one last look at everything it printed, then fail
        }
        log.printf("[%s]   %s printed it after %.1f s%n", where(b), source.label(), (System.nanoTime() - t0) / 1e9);
    }

    /** Checks the block against the source's output from its cursor on; advances the cursor on success. */
    private boolean check(Worksheet.Block b, BlockProcess source, boolean mustMatch) {
        List<String> lines = source.lines();
        OutputMatcher.Result r = OutputMatcher.match(b.text(), lines, source.cursor());
        if (r.matched()) {
            source.advanceTo(r.next());
            return true;
        }
        if (mustMatch) {
            boolean endedTerminal = !source.running() && source.block().terminal().isPresent();
            throw new AssertionError(mismatch(b, source,
                    endedTerminal ? "(which ended with exit code " + source.exitCode() + ")" : ""));
        }
        return false;
    }

    private String mismatch(Worksheet.Block b, BlockProcess source, String when) {
        List<String> lines = source.lines();
        OutputMatcher.Result r = OutputMatcher.match(b.text(), lines, source.cursor());
        String what = source.label() + (when.isEmpty() ? "" : " " + when);
        return OutputMatcher.explain(worksheet.name(), b, source.block(), what, r, lines, source.cursor())
                + "\n  all output: " + source.log();
    }

    private String where(Worksheet.Block b) {
        return worksheet.name() + ":" + b.line();
    }

    /**
     * Kills every terminal (and its children), runs {@code ./lab down --purge}, kills any node the lab directory
     * still records, and fails if any process the run started is still alive.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        for (BlockProcess p : all) {
            p.killTree();
        }
        if (failed) {
            keepNodeLogs();
        }
        List<ProcessHandle> nodes = recordedNodes();
        BlockProcess down = BlockProcess.start(new Worksheet.Block(Worksheet.Kind.COMMAND, Map.of(),
                "./lab down --purge", 0), "teardown", repoRoot, env(), runDir.resolve("teardown.log"));
        if (!down.waitFor(Duration.ofSeconds(120))) {
            log.printf("[%s] teardown: ./lab down --purge did not finish in 120 s%n", worksheet.name());
        }
        down.killTree();
        for (ProcessHandle h : nodes) {
            if (h.isAlive()) {
                log.printf("[%s] teardown: node process %d still alive after ./lab down: killing it%n",
                        worksheet.name(), h.pid());
                h.destroyForcibly();
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // reported below
                }
            }
        }
        deleteTree(labDir);
        List<String> alive = new ArrayList<>();
        for (BlockProcess p : all) {
            p.alive().forEach(h -> alive.add(h.pid() + " (block at line " + p.block().line() + ": "
                    + h.info().commandLine().orElse("?") + ")"));
        }
        down.alive().forEach(h -> alive.add(h.pid() + " (./lab down)"));
        nodes.stream().filter(ProcessHandle::isAlive)
                .forEach(h -> alive.add(h.pid() + " (a broker node: " + h.info().commandLine().orElse("?") + ")"));
        if (!alive.isEmpty()) {
            throw new AssertionError(worksheet.name() + ": processes still running after the teardown:\n  "
                    + String.join("\n  ", alive));
        }
    }

    /** The broker nodes the lab directory records ({@code nodes/} and the drill's {@code drill/nodes/}), if alive. */
    private List<ProcessHandle> recordedNodes() throws IOException {
        List<ProcessHandle> out = new ArrayList<>();
        for (Path nodesDir : List.of(labDir.resolve("nodes"), labDir.resolve("drill").resolve("nodes"))) {
            if (!Files.isDirectory(nodesDir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(nodesDir)) {
                for (Path pidFile : s.map(d -> d.resolve("pid.json")).filter(Files::isRegularFile).toList()) {
                    recorded(Files.readString(pidFile, StandardCharsets.UTF_8)).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** The live process a {@code pid.json} names, only if its start time is the recorded one (pids get reused). */
    static Optional<ProcessHandle> recorded(String pidJson) {
        Matcher pid = PID.matcher(pidJson);
        Matcher started = STARTED_AT.matcher(pidJson);
        if (!pid.find() || !started.find()) {
            return Optional.empty();
        }
        long startedAt = Long.parseLong(started.group(1));
        return ProcessHandle.of(Long.parseLong(pid.group(1)))
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(Instant::toEpochMilli)
                        .map(s -> Math.abs(s - startedAt) <= START_TOLERANCE_MS).orElse(false));
    }

    private void keepNodeLogs() {
        for (Path nodesDir : List.of(labDir.resolve("nodes"), labDir.resolve("drill").resolve("nodes"))) {
            if (!Files.isDirectory(nodesDir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(nodesDir)) {
                for (Path d : s.toList()) {
                    Path broker = d.resolve("broker.log");
                    if (Files.isRegularFile(broker)) {
                        String prefix = nodesDir.getParent().equals(labDir) ? "" : "drill-";
                        Files.copy(broker, runDir.resolve(prefix + d.getFileName() + "-broker.log"));
                    }
                }
            } catch (IOException e) {
                log.printf("[%s] could not keep the node logs: %s%n", worksheet.name(), e);
            }
        }
    }

    /**
     * A base port N with every port a lab of any mode uses free (N, N+100, and replication-zk's ZooKeeper ports
     * N+201..203, N+211..213, N+221..223), away from the ranges other test suites of this project use.
     */
    static int freeBasePort() {
        return freeBasePort(0, 1);
    }

    /** A free base port in lane {@code lane}'s share of 41000-48700 (every lane's labs stay clear of the others'). */
    static int freeBasePort(int lane, int lanes) {
        int share = (48700 - 41000) / lanes;
        int from = 41000 + lane * share;
        for (int i = 0; i < 500; i++) {
            int p = ThreadLocalRandom.current().nextInt(from, from + share - 224);
            if (java.util.stream.IntStream.of(0, 100, 201, 202, 203, 211, 212, 213, 221, 222, 223)
                    .allMatch(offset -> free(p + offset))) {
                return p;
            }
        }
        throw new IllegalStateException("no free ports for a lab between 41000 and 49000");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String stem(String fileName) {
        return fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - 3) : fileName;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
