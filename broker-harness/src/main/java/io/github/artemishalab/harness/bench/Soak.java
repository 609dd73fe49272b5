package io.github.artemishalab.harness.bench;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.harness.drill.Drill;
import io.github.artemishalab.harness.drill.DrillOptions;
import io.github.artemishalab.harness.drill.NetFaults;
import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.drill.RoundResult;
import io.github.artemishalab.harness.drill.RunFolder;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.topology.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reliability as a bench: many kill -9 / restart / failback cycles on one pair under exactly-once traffic, one verdict
 * at the end, and what the pair looked like at its start and its end (each node's resident memory and open files,
 * the disk held by replication's {@code oldreplica} journals).
 */
public final class Soak {

    /** A node's footprint at one moment. */
    public record Sample(Long rssMib, Long openFiles) {
        static Sample of(long pid) {
            return new Sample(Bench.rssMib(pid), Soak.openFiles(pid));
        }
    }

    /**
     * What a soak found.
     *
     * @param cycles         cycles asked for
     * @param completed      cycles that ran to their failback
     * @param verdict        the drill's verdict over the whole soak
     * @param note           why it ended early, if it did
     * @param sent           messages sent
     * @param lost           confirmed messages lost
     * @param duplicated     duplicates delivered to the application
     * @param stuck          outages over 5 s (clients served again only after that, or never)
     * @param watchdog       connections the client watchdog reopened
     * @param worstOutageMs  the longest send or receive gap after a kill
     * @param oldReplicaMib  disk held by oldreplica journal directories at the end
     * @param first          each node's first sample (by role name)
     * @param last           each node's last sample
     */
    public record Result(int cycles, int completed, String verdict, String note, int sent, int lost, int duplicated,
                         int stuck, int watchdog, long worstOutageMs, long oldReplicaMib, Map<String, Sample> first,
                         Map<String, Sample> last) {
    }

    private final Path root;
    private final Consumer<String> progress;

    public Soak(Path root, Consumer<String> progress) {
        this.root = root;
        this.progress = progress;
    }

    public Result run(Mode mode, int cycles) {
        Path labDir = root.resolve("soak-" + mode.id());
        Path run = root.resolve("soak-" + mode.id() + "-run");
        new LabDirectory(run).purge();
        Drill drill = new Drill(new DrillOptions(mode, List.of(FaultKind.KILL_ACTIVE), cycles, null, null, 200,
                Delivery.EXACTLY_ONCE, null, true, PortCheck.freePortPair("127.0.0.1"), Duration.ofSeconds(120),
                ClientConfig.DEFAULT_WATCHDOG, NetFaults.DEFAULT), labDir, new RunFolder(run), false);
        Map<String, Sample> first = new ConcurrentHashMap<>();
        Map<String, Sample> last = new ConcurrentHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(() -> {
            for (Node n : drill.nodes()) {
                if (n.running() && (n.isActive() || n.isBackup())) {
                    Sample s = Sample.of(n.pid());
                    first.putIfAbsent(n.name(), s);
                    last.put(n.name(), s);
                }
            }
            Drill.Phase p = drill.phase();
            progress.accept(String.format("soak %s: cycle %d/%d %s, sent %d", mode, p.round(), cycles, p.what(),
                    drill.sentCount()));
        }, 1, 10, TimeUnit.SECONDS);
        DrillResult r;
        try {
            r = drill.run(() -> false);
        } finally {
            sampler.shutdownNow();
        }
        long worst = r.rounds().stream().mapToLong(x -> Math.max(nz(x.sendGapMs()), nz(x.receiveGapMs()))).max()
                .orElse(0);
        int completed = (int) r.rounds().stream().map(RoundResult::failbackMs).filter(java.util.Objects::nonNull)
                .count();
        return new Result(cycles, completed, r.verdict(), r.note(), r.continuity().sent(), r.continuity().lost(),
                r.continuity().duplicated(), r.continuity().stuckOutages(), r.watchdogReconnects(), worst,
                oldReplicaMib(labDir), Map.copyOf(first), Map.copyOf(last));
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    /** Open file descriptors of a process (Linux), null where they cannot be counted. */
    static Long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static long oldReplicaMib(Path labDir) {
        try (Stream<Path> walk = Files.walk(labDir)) {
            List<Path> old = walk.filter(p -> p.getFileName().toString().startsWith("oldreplica")).toList();
            long bytes = 0;
            for (Path dir : old) {
                try (Stream<Path> files = Files.walk(dir)) {
                    bytes += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            }
            return bytes / (1024 * 1024);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
