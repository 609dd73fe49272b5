package io.github.artemishalab.harness.bench;

import io.github.artemishalab.harness.lab.JavaRuntime;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.topology.Mode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * A stock Artemis pair as a user makes one: two instances written by {@code artemis create} (shared-store or
 * replicated, primary and backup, a static cluster of the two), each started as its own JVM at the same moment, ready
 * when the backup is announced (AMQ221031) or in sync (AMQ221024), as their own logs say.
 */
public final class StockPair implements AutoCloseable {

    /**
     * {@code bin/artemis run}'s JVM flags from the {@code artemis.profile} that {@code create} writes, with the lab
     * nodes' heap in place of its 512 MB-2 GB, so that both sides are measured at the same size.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:AutoBoxCacheMax=20000", "-XX:+UseG1GC",
            "-XX:+UseStringDeduplication", "-Xms64m", "-Xmx256m", "--add-opens",
            "java.base/jdk.internal.misc=ALL-UNNAMED", "-Djava.net.preferIPv4Stack=true");
    /** The ports of {@code create}'s five acceptors (core and all, AMQP, STOMP, HornetQ, MQTT) before the offset. */
    static final List<Integer> ACCEPTOR_PORTS = List.of(61616, 5672, 61613, 5445, 1883);
    static final String HOST = "127.0.0.1";

    /** One start: wall clock from launching both JVMs to ready, and each one's resident memory then (MiB). */
    public record Start(long readyMs, Long primaryRssMib, Long backupRssMib) {
    }

    private final ArtemisCliTool tool;
    private final Mode mode;
    private final Path root;
    private final List<Process> running = new ArrayList<>();
    private boolean shutDown;

    /** A pair of {@code mode} (shared-store or replication) in {@code root}, made anew for every start. */
    public StockPair(ArtemisCliTool tool, Mode mode, Path root) {
        if (mode != Mode.SHARED_STORE && mode != Mode.REPLICATION) {
            throw new IllegalArgumentException("a stock pair is shared-store or replication, not " + mode);
        }
        this.tool = tool;
        this.mode = mode;
        this.root = root;
    }

    /** The {@code artemis create} arguments of one instance; the backup's ports are one above the primary's. */
    static List<String> createArgs(Mode mode, Path root, boolean backup, int offset) {
        Path dir = root.resolve(backup ? "backup" : "primary");
        int own = offset + (backup ? 1 : 0);
        int peer = ACCEPTOR_PORTS.get(0) + offset + (backup ? 0 : 1);
        List<String> args = new ArrayList<>(List.of("create", dir.toString(), "--silent",
                mode == Mode.SHARED_STORE ? "--shared-store" : "--replicated",
                "--require-login", "--user", "bench", "--password", "bench",
                "--cluster-user", "bench-cluster", "--cluster-password", "bench-cluster",
                // a static cluster of the two: create's default UDP discovery would find every other pair on the host
                "--host", HOST, "--name", backup ? "backup" : "primary", "--port-offset", Integer.toString(own),
                "--staticCluster", "tcp://" + HOST + ":" + peer, "--no-web"));
        if (backup) {
            args.add("--backup");
        }
        if (mode == Mode.SHARED_STORE) {
            args.addAll(List.of("--data", root.resolve("shared").toAbsolutePath().toString()));
        }
        return args;
    }

    /** The log line that says the backup is ready: announced (shared-store) or synchronized (replication). */
    static String backupReady(Mode mode) {
        return mode == Mode.SHARED_STORE ? "AMQ221031" : "AMQ221024";
    }

    /**
     * Writes both instances afresh, starts both JVMs at once and waits until the pair is ready; kills both before it
     * returns or throws.
     */
    public Start start(Duration timeout) throws IOException {
        new LabDirectory(root).purge();
        int offset = freeOffset();
        tool.run(createArgs(mode, root, false, offset), root.resolveSibling(root.getFileName() + "-create-primary.log"),
                120);
        tool.run(createArgs(mode, root, true, offset), root.resolveSibling(root.getFileName() + "-create-backup.log"),
                120);
        try {
            long t0 = System.nanoTime();
            Process primary = launch("primary");
            Process backup = launch("backup");
            LogWatch primaryLog = new LogWatch(primary, root.resolve("primary/log/broker.log"), List.of("AMQ221007"));
            LogWatch backupLog = new LogWatch(backup, root.resolve("backup/log/broker.log"),
                    List.of(backupReady(mode)));
            long deadline = t0 + timeout.toNanos();
            long active = await(primaryLog, "AMQ221007", "primary active", deadline);
            long ready = await(backupLog, backupReady(mode), mode == Mode.SHARED_STORE ? "backup announced"
                    : "backup in sync", deadline);
            return new Start((Math.max(active, ready) - t0) / 1_000_000, Bench.rssMib(primary.pid()),
                    Bench.rssMib(backup.pid()));
        } finally {
            close();
        }
    }

    private Process launch(String name) throws IOException {
        Path instance = root.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(JavaRuntime.javaExecutable().toString()));
        cmd.addAll(JVM_OPTIONS);
        // the lab's jar first: its Artemis 2.55.0 and the library versions tested with it win over the protocols' own
        cmd.addAll(List.of("-cp", JavaRuntime.classpath() + File.pathSeparator + tool.protocolClasspath(),
                StockBroker.class.getName(), instance.toString()));
        Process p = new ProcessBuilder(cmd).directory(instance.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        synchronized (running) {
            running.add(p);
            if (shutDown) {
                // the JVM is going down and the hook has already been here: this one must not outlive it
                p.destroyForcibly();
                throw new IOException("stopped");
            }
        }
        return p;
    }

    private static long await(LogWatch log, String marker, String what, long deadline) throws IOException {
        try {
            return log.seen(marker).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("stock pair: no " + what + " (" + marker + ") in time; last lines: " + log.tail());
        } catch (ExecutionException e) {
            throw new IOException("stock pair: the broker stopped before " + what + " (" + marker + "); last lines: "
                    + log.tail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** An offset that frees all five acceptors of both brokers on this host now. */
    static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1000, 3900);
            boolean free = IntStream.of(offset, offset + 1).allMatch(o -> ACCEPTOR_PORTS.stream()
                    .allMatch(p -> PortCheck.isFree(HOST, p + o)));
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("no free ports for a stock pair around 62616..65516");
    }

    /** For a shutdown hook: kills both JVMs, and any this pair would start later. */
    public void shutDown() {
        synchronized (running) {
            shutDown = true;
        }
        close();
    }

    /** Kills both JVMs (a stock user's Ctrl-C would stop them too) and waits until they are gone; idempotent. */
    @Override
    public void close() {
        List<Process> all;
        synchronized (running) {
            all = new ArrayList<>(running);
            running.clear();
        }
        for (Process p : all) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
