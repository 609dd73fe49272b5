package io.github.artemishalab.harness.lab;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Starts the lab's nodes as detached JVMs, tracks them through the lab directory, and kills, stops and restarts
 * them. Stateless: every call reads the lab directory again.
 */
public final class Supervisor {

    /** JVM options of every broker: a small heap and a collector that suits two cores. */
    public static final List<String> NODE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
    private static final Duration POLL = Duration.ofMillis(50);
    /** Marks each start in a node's log, which keeps every run of the node. */
    static final String START_MARKER = "=== lab: node started at ";

    private final LabDirectory dir;
    private final LabConfig config;
    private final boolean verbose;
    private final Path faultLedger;
    private final Optional<Path> classDataArchive;

    public Supervisor(LabDirectory dir, LabConfig config, boolean verbose) {
        this(dir, config, verbose, dir.faultLedger(), null);
    }

    private Supervisor(LabDirectory dir, LabConfig config, boolean verbose, Path faultLedger,
                       Optional<Path> classDataArchive) {
        this.dir = dir;
        this.config = config;
        this.verbose = verbose;
        this.faultLedger = faultLedger;
        this.classDataArchive = classDataArchive != null ? classDataArchive : Optional.empty();
    }

    /** The same supervisor, recording faults in another ledger (a drill's run folder). */
    public Supervisor withFaultLedger(Path ledger) {
        return new Supervisor(dir, config, verbose, ledger, classDataArchive);
    }

    /**
     * The same supervisor, starting nodes with the lab jar's class-data archive (recorded first if needed, which
     * {@code note} announces).
     */
    public Supervisor withClassDataArchive(Consumer<String> note) {
        return new Supervisor(dir, config, verbose, faultLedger, ClassDataArchive.ensure(note));
    }

    public Path faultLedger() {
        return faultLedger;
    }

    /**
     * Starts both nodes of a stopped pair and waits until it is ready; kills both if it does not get there. Neither
     * node runs yet, so a replicated primary has no active server to look for: it is told so, which saves the ~2 s
     * its check-for-active-server costs ({@code start} of a single node keeps the check on).
     */
    public void startPair(Duration timeout, Consumer<NodeView> onChange) {
        requireIdle();
        for (NodeSpec n : config.nodes()) {
            PortCheck.requireFree(config.host(), n.port(), n.name());
        }
        Thread abort = new Thread(this::killAll, "lab-start-abort");
        Runtime.getRuntime().addShutdownHook(abort);
        // one line per real change, across the two waits of a shared-store start; a node not started yet is not news
        Map<String, NodeState> told = new HashMap<>();
        Consumer<NodeView> tell = v -> {
            if (v.running() && told.put(v.name(), v.state()) != v.state()) {
                onChange.accept(v);
            }
        };
        boolean ready = false;
        try {
            Map<String, String> firstStart = config.mode() == Mode.REPLICATION
                    ? Map.of("lab.check.for.active.server", "false") : Map.of();
            start("primary", firstStart, false);
            if (config.mode() == Mode.SHARED_STORE) {
                // Both nodes started at once on a fresh shared journal can each write their own node id into
                // server.lock; the pair then never fails back. The backup starts once the primary has written it.
                await("the pair to be ready (the primary first, so that both use its node id)", timeout, Set.of("primary"),
                        views -> views.get("primary").state() == NodeState.ACTIVE
                                || views.get("primary").status().map(s -> s.nodeId() != null).orElse(false),
                        tell);
            }
            start("backup", Map.of(), false);
            await("the pair to be ready", timeout,
                    config.nodes().stream().map(NodeSpec::name).collect(java.util.stream.Collectors.toSet()),
                    views -> pairReady(config.mode(), views), tell);
            ready = true;
        } finally {
            if (!ready) {
                killAll();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(abort);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting and the hook kills the nodes
            }
        }
    }

    /** Refuses, with the pids, when any node of this lab runs. */
    public void requireIdle() {
        if (views().stream().anyMatch(NodeView::running)) {
            throw new LabException(LabException.USAGE, "lab directory " + dir.root() + " already runs a pair ("
                    + views().stream().filter(NodeView::running).map(n -> n.name() + " pid " + n.pid())
                    .collect(java.util.stream.Collectors.joining(", "))
                    + "): use ./lab status, ./lab down, or another --lab-dir");
        }
    }

    /** SIGKILL every node of the lab that still runs. */
    public void killAll() {
        config.nodes().forEach(n -> {
            NodeView v = view(n.name());
            if (v.running()) {
                ProcessHandle.of(v.pid()).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
            }
        });
    }

    public LabConfig config() {
        return config;
    }

    public LabDirectory directory() {
        return dir;
    }

    /**
     * Every node as the CLI sees it. A shared-store primary waiting for the journal lock while the other node is
     * active is shown as {@code backup}: it takes over when that node goes, which is what a backup does.
     */
    public List<NodeView> views() {
        List<NodeView> raw = config.nodes().stream().map(n -> rawView(n.name())).toList();
        boolean someoneActive = raw.stream().anyMatch(v -> v.state() == NodeState.ACTIVE);
        return raw.stream().map(v -> someoneActive && v.state() == NodeState.STARTING
                && v.status().map(NodeStatus::awaitingLock).orElse(false)
                ? new NodeView(v.name(), NodeState.BACKUP, v.pid(), v.url(), v.status()) : v).toList();
    }

    public NodeView view(String name) {
        config.node(name);
        return views().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private NodeView rawView(String name) {
        NodeSpec spec = config.node(name);
        Optional<NodeStatus> status = dir.readStatus(name);
        Optional<ProcessHandle> process = liveProcess(name, status);
        String url = config.nodeUrl(spec);
        if (process.isEmpty()) {
            return new NodeView(name, NodeState.STOPPED, null, url, status);
        }
        long pid = process.get().pid();
        NodeState state = status.filter(s -> s.pid() == pid).map(NodeStatus::state).orElse(NodeState.STARTING);
        return new NodeView(name, state, pid, url, status);
    }

    private Optional<ProcessHandle> liveProcess(String name, Optional<NodeStatus> status) {
        Optional<ProcessHandle> fromStatus = status.flatMap(s -> new ProcessRecord(s.pid(), s.pidStart()).alive());
        return fromStatus.isPresent() ? fromStatus : dir.readPid(name).flatMap(ProcessRecord::alive);
    }

    /** Starts a stopped node as a detached JVM; its output goes to {@code nodes/<name>/broker.log}. */
    public ProcessHandle start(String name) {
        return start(name, Map.of(), true);
    }

    /**
     * Starts a node with extra system properties for its config (each {@code -D name=value} of {@code lab node}).
     * {@code asFault}: a restart in the middle of traffic goes on the clients' timeline (it causes the failback
     * gap); the pair's first start does not.
     */
    public ProcessHandle start(String name, Map<String, String> properties, boolean asFault) {
        NodeSpec spec = config.node(name);
        NodeView now = view(name);
        if (now.running()) {
            throw new LabException(LabException.USAGE, "node " + name + " is already running (pid " + now.pid() + ")");
        }
        PortCheck.requireFree(config.host(), spec.port(), name);
        if (asFault) {
            recordFault("start", name, System.currentTimeMillis());
        }
        try {
            Files.createDirectories(dir.nodeDir(name));
            Files.deleteIfExists(dir.statusFile(name));
            Path log = dir.logFile(name);
            Files.writeString(log, START_MARKER + java.time.Instant.now() + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command(spec, properties));
            pb.directory(dir.root().toFile());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("LAB_CLUSTER_USER", config.cluster().user());
            env.put("LAB_CLUSTER_PASSWORD", config.cluster().password());
            Process process = pb.start();
            Json.writeAtomically(dir.pidFile(name), ProcessRecord.of(process.toHandle()));
            return process.toHandle();
        } catch (IOException e) {
            throw new LabException("cannot start node " + name + ": " + e.getMessage());
        }
    }

    private List<String> command(NodeSpec spec, Map<String, String> properties) {
        List<String> cmd = new ArrayList<>();
        // setsid puts the node in its own session: a Ctrl-C or a closed terminal later does not reach it.
        if (new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(JavaRuntime.javaExecutable().toString());
        cmd.addAll(NODE_JVM_OPTIONS);
        String extra = System.getenv("LAB_NODE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        classDataArchive.ifPresent(a -> cmd.add("-XX:SharedArchiveFile=" + a));
        cmd.add("-Djava.security.auth.login.config=" + dir.loginConfig());
        cmd.add("-cp");
        cmd.add(JavaRuntime.classpath());
        cmd.add("io.github.artemishalab.harness.cli.LabMain");
        cmd.add("node");
        cmd.addAll(List.of("--config", dir.root().resolve(spec.config()).toString(),
                "--name", spec.name(),
                "--host", config.host(),
                "--port", Integer.toString(spec.port()),
                "--peer-host", config.host(),
                "--peer-port", Integer.toString(spec.peerPort()),
                "--data-dir", dir.root().resolve(spec.dataDir()).toString(),
                "--status-file", dir.statusFile(spec.name()).toString(),
                "--failback=" + config.failback()));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (verbose) {
            cmd.add("--verbose");
        }
        return cmd;
    }

    /** SIGKILL: the node gets no chance to shut down cleanly. Returns once the process is gone. */
    public boolean kill(String name) {
        return terminate(name, true, Duration.ofSeconds(10));
    }

    /** SIGTERM: the broker stops cleanly (and hands over if its policy says so); SIGKILL after the timeout. */
    public boolean stop(String name, Duration timeout) {
        return terminate(name, false, timeout);
    }

    private boolean terminate(String name, boolean forcibly, Duration timeout) {
        NodeView v = view(name);
        if (!v.running()) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(v.pid());
        if (handle.isEmpty()) {
            return false;
        }
        ProcessHandle p = handle.get();
        // The fault's time is taken just before the signal, and written after it: a cold JVM needs tens of ms to
        // write its first ledger line, during which the broker would still confirm sends.
        long at = System.currentTimeMillis();
        if (forcibly) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        recordFault(forcibly ? "kill" : "stop", name, at);
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            p.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LabException("cannot wait for node " + name + ": " + e.getMessage());
        }
        return true;
    }

    /**
     * Waits until {@code condition} holds for the lab's nodes, calling {@code onChange} whenever a node's state
     * changes. Fails with the last lines of its log if a node in {@code mustRun} dies while waited on.
     */
    public Map<String, NodeView> await(String what, Duration timeout, Set<String> mustRun,
                                       Predicate<Map<String, NodeView>> condition, Consumer<NodeView> onChange) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, NodeState> last = new HashMap<>();
        while (true) {
            Map<String, NodeView> views = new LinkedHashMap<>();
            for (NodeView v : views()) {
                views.put(v.name(), v);
                if (last.put(v.name(), v.state()) != v.state()) {
                    onChange.accept(v);
                }
            }
            if (condition.test(views)) {
                return views;
            }
            for (String name : mustRun) {
                if (!views.get(name).running()) {
                    throw new LabException("node " + name + " stopped while waiting for " + what
                            + "; last lines of " + dir.logFile(name) + ":\n" + tail(name, 12));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("timed out after " + timeout.toSeconds() + " s waiting for " + what + " ("
                        + views.values().stream().map(v -> v.name() + " " + v.state())
                        .collect(java.util.stream.Collectors.joining(", ")) + "); see the logs in "
                        + dir.root().resolve("nodes"));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + what);
            }
        }
    }

    /** A pair is ready when one node is active and the other is the backup its mode settles in. */
    public static boolean pairReady(Mode mode, Map<String, NodeView> views) {
        long active = views.values().stream().filter(v -> v.state() == NodeState.ACTIVE).count();
        long backups = views.values().stream().filter(v -> v.state() == mode.readyBackupState()).count();
        return active == 1 && backups == views.size() - 1;
    }

    /** Puts a fault on the clients' timeline, so that the verifier can measure the outage it caused. */
    private void recordFault(String kind, String node, long at) {
        try (Ledger ledger = Ledger.open(faultLedger)) {
            ledger.append(LedgerEvent.fault(at, kind, node));
        }
    }

    /** The last lines of a node's log since its latest start, indented, for error messages. */
    public String tail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(dir.logFile(name), StandardCharsets.UTF_8);
            int from = 0;
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).startsWith(START_MARKER)) {
                    from = i + 1;
                    break;
                }
            }
            List<String> run = all.subList(from, all.size()).stream()
                    .filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).toList();
            return String.join("\n", run.subList(Math.max(0, run.size() - lines), run.size()).stream()
                    .map(l -> "    " + l).toList());
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")";
        }
    }
}
