package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.topology.Discovery;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Wiring;
import io.github.artemishalab.harness.zk.ZkNodeLaunch;
import io.github.artemishalab.harness.zk.ZkNodeStatus;
import io.github.artemishalab.harness.zk.ZkTls;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts a lab's nodes as detached JVMs, tracks them through the lab directory, and signals them. Stateless: every
 * call reads the lab directory again. {@link Lab} is the handle built on it.
 */
public final class Supervisor {

    /** JVM options of every broker: a small heap and a collector that suits two cores. */
    public static final List<String> NODE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
    /** Marks each start in a node's log, which keeps every run of the node. */
    static final String START_MARKER = "=== lab: node started at ";

    private final LabDirectory dir;
    private final LabConfig config;
    private final boolean verbose;
    private final FaultLedger faults;
    private final Optional<Path> classDataArchive;
    private final OptionalLong exitWith;

    public Supervisor(LabDirectory dir, LabConfig config, boolean verbose) {
        this(dir, config, verbose, new FaultLedger(dir.faultLedger()), Optional.empty(), OptionalLong.empty());
    }

    private Supervisor(LabDirectory dir, LabConfig config, boolean verbose, FaultLedger faults,
                       Optional<Path> classDataArchive, OptionalLong exitWith) {
        this.dir = dir;
        this.config = config;
        this.verbose = verbose;
        this.faults = faults;
        this.classDataArchive = classDataArchive;
        this.exitWith = exitWith;
    }

    /** The same supervisor, recording faults in another ledger (a drill's run folder). */
    public Supervisor withFaultLedger(FaultLedger ledger) {
        return new Supervisor(dir, config, verbose, ledger, classDataArchive, exitWith);
    }

    /**
     * The same supervisor, starting nodes with the lab jar's class-data archive (recorded first if needed, which
     * {@code note} announces).
     */
    public Supervisor withClassDataArchive(Consumer<String> note) {
        return new Supervisor(dir, config, verbose, faults, ClassDataArchive.ensure(note), exitWith);
    }

    /** The same supervisor, whose nodes exit by themselves within a second of process {@code pid} ending. */
    public Supervisor boundTo(long pid) {
        return new Supervisor(dir, config, verbose, faults, classDataArchive, OptionalLong.of(pid));
    }

    public FaultLedger faults() {
        return faults;
    }

    public LabConfig config() {
        return config;
    }

    public LabDirectory directory() {
        return dir;
    }

    /** Refuses, with the pids, when any node of this lab runs. */
    public void requireIdle() {
        List<Node> running = nodes().stream().filter(Node::running).toList();
        if (!running.isEmpty()) {
            throw new LabException(LabException.USAGE, "lab directory " + dir.root() + " already runs a pair ("
                    + running.stream().map(n -> n.name() + " pid " + n.pid()).collect(Collectors.joining(", "))
                    + "): use ./lab status, ./lab down, or another --lab-dir");
        }
    }

    /** SIGKILL every node of the lab that still runs, then its fault proxy, and wait until each is gone. */
    public void killAll() {
        nodes().stream().filter(Node::running).forEach(n -> ProcessHandle.of(n.pid()).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        }));
        proxy().running().ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    /** The lab's fault proxy process (running or not). */
    public FaultProxyProcess proxy() {
        return new FaultProxyProcess(dir, config);
    }

    /** Starts a fresh fault proxy if the lab has one, bound to the same owner as the nodes; does not wait for it. */
    public Optional<Process> launchProxy() {
        return config.faultProxy() ? Optional.of(proxy().launch(exitWith)) : Optional.empty();
    }

    /**
     * Every node as the lab sees it. A shared-store primary waiting for the journal lock while another node of its
     * pair is active is shown as {@code backup}: it takes over when that node goes, which is what a backup does.
     */
    public List<Node> nodes() {
        List<Node> raw = config.nodes().stream().map(this::rawNode).toList();
        Set<String> activeGroups = raw.stream().filter(Node::isActive).map(Node::group)
                .collect(Collectors.toSet());
        return raw.stream().map(n -> activeGroups.contains(n.group()) && n.state() == NodeState.STARTING
                && n.status().map(NodeStatus::awaitingLock).orElse(false) ? n.withState(NodeState.BACKUP) : n)
                .toList();
    }

    public Node node(String name) {
        config.node(name);
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private Node rawNode(NodeSpec spec) {
        Optional<NodeStatus> status = spec.role().broker() ? dir.readStatus(spec.name())
                : dir.readZkStatus(spec.name()).map(ZkNodeStatus::asNodeStatus);
        Optional<ProcessHandle> process = status.flatMap(s -> new ProcessRecord(s.pid(), s.pidStart()).alive())
                .or(() -> dir.readPid(spec.name()).flatMap(ProcessRecord::alive));
        String url = config.nodeUrl(spec);
        if (process.isEmpty()) {
            return new Node(spec, NodeState.STOPPED, null, url, status);
        }
        long pid = process.get().pid();
        NodeState state = status.filter(s -> s.pid() == pid).map(NodeStatus::state).orElse(NodeState.STARTING);
        return new Node(spec, state, pid, url, status);
    }

    /**
     * Starts a stopped node as a detached JVM, its output going to {@code nodes/<name>/broker.log}, with extra
     * system properties for its config. {@code asFault}: a restart in the middle of traffic goes on the clients'
     * timeline (it causes the failback gap); the lab's first start does not.
     */
    public ProcessHandle start(NodeSpec spec, Map<String, String> properties, boolean asFault) {
        Node now = node(spec.name());
        if (now.running()) {
            throw new LabException(LabException.USAGE, "node " + spec.name() + " is already running (pid "
                    + now.pid() + ")");
        }
        PortCheck.requireFree(config.wiring().bindHost(spec), spec.port(), spec.name());
        if (asFault) {
            faults.fault("start", spec.name(), System.currentTimeMillis());
        }
        try {
            Files.createDirectories(dir.nodeDir(spec.name()));
            if (config.faultProxy()) {
                Files.createDirectories(dir.net());
                Files.writeString(dir.hostsFile(spec.name()), config.wiring().hostsFile(spec));
            }
            Files.deleteIfExists(dir.statusFile(spec.name()));
            Path log = dir.logFile(spec.name());
            Files.writeString(log, START_MARKER + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(spec.role().broker() ? command(spec, properties) : zkCommand(spec));
            pb.directory(dir.root().toFile());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("LAB_CLUSTER_USER", config.cluster().user());
            pb.environment().put("LAB_CLUSTER_PASSWORD", config.cluster().password());
            if (config.tls().enabled()) {
                pb.environment().put(NodeTls.PASSWORD_ENV, config.tls().password());
            }
            Process process = pb.start();
            Json.writeAtomically(dir.pidFile(spec.name()), ProcessRecord.of(process.toHandle()));
            return process.toHandle();
        } catch (IOException e) {
            throw new LabException("cannot start node " + spec.name() + ": " + e.getMessage());
        }
    }

    /** setsid puts a node in its own session: a Ctrl-C or a closed terminal later does not reach it. */
    private static List<String> detached() {
        return new File("/usr/bin/setsid").canExecute() ? List.of("/usr/bin/setsid") : List.of();
    }

    private List<String> zkCommand(NodeSpec spec) {
        List<String> cmd = new ArrayList<>(detached());
        cmd.addAll(ZkNodeLaunch.command(config.wiring().ensemble(), spec.zkId(), dir.root().resolve(spec.dataDir()),
                dir.statusFile(spec.name()), exitWith, zkTls(spec.name())));
        if (verbose) {
            cmd.add("--verbose");
        }
        return cmd;
    }

    /** TLS for a ZooKeeper server (its own key) or a client of the ensemble (a broker's, or the clients'); or null. */
    public ZkTls zkTls(String owner) {
        return NodeTls.zk(config, dir, owner);
    }

    private List<String> command(NodeSpec spec, Map<String, String> properties) {
        List<String> cmd = new ArrayList<>(detached());
        cmd.add(JavaRuntime.javaExecutable().toString());
        cmd.addAll(NODE_JVM_OPTIONS);
        cmd.addAll(NodeTls.jvmOptions(config));
        String extra = System.getenv("LAB_NODE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        classDataArchive.ifPresent(a -> cmd.add("-XX:SharedArchiveFile=" + a));
        cmd.add("-Djava.security.auth.login.config=" + dir.loginConfig());
        Wiring wiring = config.wiring();
        if (wiring.proxied()) {
            // read when the JVM first resolves a name, so it must be set before main, not by the node command
            cmd.add("-Djdk.net.hosts.file=" + dir.hostsFile(spec.name()));
        }
        cmd.add("-cp");
        if (config.topology().discovery() == Discovery.JGROUPS) {
            // Artemis loads a <jgroups-file> from the classpath, as a standalone broker from its etc/
            cmd.add(JavaRuntime.classpath() + File.pathSeparator + dir.root().resolve(spec.config()).getParent());
            cmd.add("-Dlab.jgroups.dir=" + dir.jgroupsDir());
        } else {
            cmd.add(JavaRuntime.classpath());
        }
        cmd.add("io.github.artemishalab.harness.cli.LabMain");
        cmd.add("node");
        cmd.addAll(List.of("--config", dir.root().resolve(spec.config()).toString(),
                "--name", spec.name(),
                "--host", wiring.announcedHost(),
                "--bind-host", wiring.bindHost(spec),
                "--port", Integer.toString(spec.port()),
                "--peer-host", wiring.announcedHost(),
                "--peer-port", Integer.toString(spec.peerPort()),
                "--data-dir", dir.root().resolve(spec.dataDir()).toString(),
                "--status-file", dir.statusFile(spec.name()).toString(),
                "--failback=" + config.failback()));
        exitWith.ifPresent(pid -> cmd.add("--exit-with=" + pid));
        if (config.mode().quorum()) {
            cmd.add("-Dlab.zk.connect=" + wiring.zkConnect());
        }
        List<Integer> seeds = config.topology().seedPorts(spec);
        if (config.mode().clusterOfPairs()) {
            // its pair (a replicating backup replicates only its own group's primary; a shared-store pair's files do
            // not read it: their journal ties them), and the next pair's two nodes
            cmd.add("-Dlab.group=" + spec.group());
            for (int i = 0; i < 2; i++) {
                cmd.add("-Dlab.seed" + (i + 1) + ".host=" + wiring.announcedHost());
                cmd.add("-Dlab.seed" + (i + 1) + ".port=" + seeds.get(Math.min(i, seeds.size() - 1)));
            }
        } else if (!seeds.isEmpty()) {
            // the second seed of a cluster member (the first is the peer); a cluster of two has one seed, named twice
            cmd.add("-Dlab.peer2.host=" + wiring.announcedHost());
            cmd.add("-Dlab.peer2.port=" + seeds.get(seeds.size() - 1));
        }
        cmd.add("--client-url=" + config.nodeUrl(spec));
        if (config.hooks().onActive() != null) {
            cmd.add("--on-active=" + config.hooks().onActive());
        }
        if (config.hooks().onBackup() != null) {
            cmd.add("--on-backup=" + config.hooks().onBackup());
        }
        cmd.addAll(NodeTls.nodeProperties(config, dir, spec.name()));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (verbose) {
            cmd.add("--verbose");
        }
        return cmd;
    }

    /**
     * Stops a running node: ABRUPT sends SIGKILL, GRACEFUL sends SIGTERM and SIGKILL after {@code timeout}. Returns
     * once the process is gone; false if the node was not running.
     */
    public boolean terminate(String name, Termination style, Duration timeout) {
        Node n = node(name);
        Optional<ProcessHandle> handle = n.running() ? ProcessHandle.of(n.pid()) : Optional.empty();
        if (handle.isEmpty()) {
            return false;
        }
        ProcessHandle p = handle.get();
        // The fault's time is taken just before the signal, and written after it: a cold JVM needs tens of ms to
        // write its first ledger line, during which the broker would still confirm sends.
        long at = System.currentTimeMillis();
        if (style == Termination.ABRUPT) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        faults.fault(style == Termination.ABRUPT ? "kill" : "stop", name, at);
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            p.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } catch (ExecutionException e) {
            throw new LabException("cannot wait for node " + name + ": " + e.getMessage());
        }
        return true;
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
            return run.subList(Math.max(0, run.size() - lines), run.size()).stream()
                    .map(l -> "    " + l).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")";
        }
    }
}
