package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Role;
import io.github.artemishalab.harness.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The handle on one lab: a topology of broker nodes, each a real JVM, that it starts, signals and waits on. The CLI,
 * the drill, the bench, the project's tests and users' tests ({@code @ArtemisHaLab}) all work through it.
 * <p>
 * Guarantees: {@link #start()} on a ready lab and {@link #stop()} on a stopped one have no effect; {@link #close()}
 * never throws and leaves no process this handle saw running; faults pick nodes by a selector evaluated on the
 * nodes' state at the moment of the fault ({@code lab.kill(Node::isActive)}); every wait is a named
 * {@link Condition} with its own timeout, and says what it waited for when it times out.
 */
public final class Lab implements AutoCloseable {

    /** How long a graceful stop may take before the node is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Supervisor supervisor;
    private final Set<ProcessRecord> seen = ConcurrentHashMap.newKeySet();

    Lab(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** A new lab, for tests and drills: {@code Lab.builder().mode(REPLICATION).dir(tmp).build().start()}. */
    public static LabBuilder builder() {
        return new LabBuilder();
    }

    /** The lab {@code lab up} made in {@code dir} (reads its {@code lab.json}). */
    public static Lab open(LabDirectory dir, boolean verbose) {
        return new Lab(new Supervisor(dir, dir.load(), verbose));
    }

    /** The same lab, with another supervisor setting (fault ledger, class-data archive). */
    public Lab with(UnaryOperator<Supervisor> change) {
        Lab other = new Lab(change.apply(supervisor));
        other.seen.addAll(seen);
        return other;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public LabConfig config() {
        return supervisor.config();
    }

    public Topology topology() {
        return config().topology();
    }

    public LabDirectory directory() {
        return supervisor.directory();
    }

    public FaultLedger faults() {
        return supervisor.faults();
    }

    /**
     * The HA URL: every node listed, ha=true, endless reconnect; with TLS, the lab's truststore, and with client
     * certificates the lab's client key, which this JVM then presents on every connection, failovers included (an
     * announced connector cannot carry a client's key; see {@code ClientTls}).
     */
    public String haUrl() {
        String url = config().haUrl();
        // a --client-auth lab: this JVM presents the lab's client key on failovers too (see ClientTls)
        io.github.artemishalab.clients.ClientTls.presentKeyOf(url);
        return url;
    }

    public String user() {
        return config().user().user();
    }

    public String password() {
        return config().user().password();
    }

    /** The lab's links, to cut, delay and heal through its fault proxy. */
    public Network network() {
        return new Network(supervisor);
    }

    /** Every node now, in topology order. */
    public List<Node> nodes() {
        List<Node> now = supervisor.nodes();
        now.stream().filter(Node::running).forEach(n -> n.status()
                .ifPresentOrElse(s -> seen.add(new ProcessRecord(s.pid(), s.pidStart())),
                        () -> directory().readPid(n.name()).ifPresent(seen::add)));
        return now;
    }

    public LabState state() {
        return new LabState(topology(), nodes());
    }

    /** The node called {@code name} now; an unknown name is a usage error naming the nodes there are. */
    public Node node(String name) {
        topology().node(name);
        return state().node(name);
    }

    /** The node of {@code role}, in a lab that has one such node (a pair). */
    public Node node(Role role) {
        List<Node> of = state().nodes().stream().filter(n -> n.is(role)).toList();
        if (of.size() != 1) {
            throw new LabException(LabException.USAGE, "this lab has " + of.size() + " nodes of role " + role
                    + ": name one");
        }
        return of.get(0);
    }

    /** The one active node; fails when none is, or more than one (split brain). */
    public Node active() {
        List<Node> active = state().active();
        if (active.size() != 1) {
            throw new LabException("expected one active node, found " + active.size() + " (" + state().describe()
                    + ")");
        }
        return active.get(0);
    }

    /** Starts the lab if it is not running and waits until it is ready (default timeout). */
    public Lab start() {
        return start(Conditions.START, n -> { });
    }

    /**
     * Starts every stopped node and waits until the lab is ready, telling {@code onChange} each real state change.
     * From cold, nodes start in the topology's order (a shared-store backup after its primary) and a replicated
     * primary skips its search for an active server; if the lab does not get ready, every node is killed.
     */
    public Lab start(Duration timeout, Consumer<Node> onChange) {
        List<Node> now = nodes();
        if (now.stream().noneMatch(Node::running)) {
            coldStart(timeout, onChange);
        } else {
            ensureProxy();
            start(n -> !n.running());
            await(Conditions.ready().within(timeout), onChange);
        }
        return this;
    }

    private void coldStart(Duration timeout, Consumer<Node> onChange) {
        Topology t = topology();
        for (NodeSpec n : t.nodes()) {
            PortCheck.requireFree(config().host(), n.port(), n.name());
        }
        Optional<Process> proxy = supervisor.launchProxy();
        proxy.ifPresent(p -> seen.add(ProcessRecord.of(p.toHandle())));
        Thread abort = new Thread(supervisor::killAll, "lab-start-abort");
        Runtime.getRuntime().addShutdownHook(abort);
        // one line per real change across the waits of a cold start; a node not started yet is not news
        Map<String, NodeState> told = new HashMap<>();
        Consumer<Node> tell = n -> {
            if (n.running() && told.put(n.name(), n.state()) != n.state()) {
                onChange.accept(n);
            }
        };
        boolean ready = false;
        try {
            List<NodeSpec> first = t.firstWave();
            first.forEach(n -> launch(n, t.coldStartProperties(n), false));
            // The rest (a shared-store backup) boot their JVMs now too, but each holds its broker start until its
            // primary has written the node id they share, so that every node uses the id the primary writes.
            t.nodes().stream().filter(n -> !first.contains(n)).forEach(n -> {
                Map<String, String> properties = new HashMap<>(t.coldStartProperties(n));
                properties.put("lab.start.after", directory().statusFile(t.member(n.group(), Role.PRIMARY).name())
                        .toString());
                launch(n, properties, false);
            });
            // the JVMs start side by side; a proxy that cannot listen fails the start now, not at the timeout
            proxy.ifPresent(p -> supervisor.proxy().awaitListening(p));
            Condition allUp = Conditions.ready().within(timeout);
            for (String name : t.names()) {
                allUp = allUp.whileRunning(name);
            }
            await(allUp, tell);
            ready = true;
        } finally {
            if (!ready) {
                supervisor.killAll();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(abort);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting and the hook kills the nodes
            }
        }
    }

    /** A node that stopped itself says so before its JVM has ended: let that JVM end before starting it again. */
    private void awaitExits() {
        for (Node n : nodes()) {
            if (n.running() && n.state() == NodeState.STOPPED) {
                ProcessHandle.of(n.pid()).ifPresent(p -> {
                    try {
                        p.onExit().get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        p.destroyForcibly();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
    }

    /** A node started beside running ones needs the proxy they talk through; one that died is started again. */
    private void ensureProxy() {
        if (config().faultProxy() && supervisor.proxy().running().isEmpty()) {
            supervisor.launchProxy().ifPresent(p -> {
                seen.add(ProcessRecord.of(p.toHandle()));
                supervisor.proxy().awaitListening(p);
            });
        }
    }

    private void launch(NodeSpec n, Map<String, String> properties, boolean asFault) {
        seen.add(ProcessRecord.of(supervisor.start(n, properties, asFault)));
    }

    /**
     * Starts every stopped node that {@code which} selects, as a fault on the timeline; does not wait. When no node
     * of the lab runs, they start as in a cold start (see {@link Topology#coldStartProperties}).
     */
    public List<Node> start(Predicate<Node> which) {
        awaitExits();
        List<Node> now = nodes();
        boolean cold = now.stream().noneMatch(Node::running);
        List<Node> chosen = now.stream().filter(n -> !n.running()).filter(which).toList();
        if (!chosen.isEmpty()) {
            ensureProxy();
        }
        chosen.forEach(n -> launch(n.spec(), cold ? topology().coldStartProperties(n.spec()) : Map.of(), true));
        return chosen;
    }

    /** SIGKILL every running node that {@code which} selects. */
    public List<Node> kill(Predicate<Node> which) {
        return stop(which, Termination.ABRUPT);
    }

    /** SIGKILL this node. */
    public List<Node> kill(Node node) {
        return kill(n -> n.name().equals(node.name()));
    }

    public List<Node> stop(Predicate<Node> which, Termination style) {
        return stop(which, style, STOP_TIMEOUT);
    }

    /**
     * Stops every running node that {@code which} selects, in the given style; returns the nodes it stopped (as they
     * were just before). Stopping a stopped node has no effect.
     */
    public List<Node> stop(Predicate<Node> which, Termination style, Duration timeout) {
        List<Node> chosen = nodes().stream().filter(Node::running).filter(which).toList();
        List<Node> stopped = new ArrayList<>();
        for (Node n : chosen) {
            if (supervisor.terminate(n.name(), style, timeout)) {
                stopped.add(n);
            }
        }
        return stopped;
    }

    /** What starting {@code name} again leads to: failback for a primary whose backup is active, else serving. */
    public Condition afterStart(String name) {
        Node node = node(name);
        boolean failback = config().failback() && node.is(Role.PRIMARY)
                && state().group(node.group()).stream().anyMatch(n -> !n.name().equals(name) && n.isActive());
        return (failback ? Conditions.failedBack() : Conditions.serving(name)).whileRunning(name);
    }

    public LabState await(Condition condition) {
        return await(condition, n -> { });
    }

    /**
     * Waits until {@code condition} holds, telling {@code onChange} whenever a node's state changes. Fails at once,
     * with the last lines of its log, when a node the condition needs dies; on time-out, says where the nodes were.
     */
    public LabState await(Condition condition, Consumer<Node> onChange) {
        return new Waiter(this, condition, onChange).run();
    }

    /**
     * Stops every node gracefully, backups first so that the active node hands over to nobody and keeps the newest
     * journal, ZooKeeper servers last, and tells {@code onStopped} each node it stopped. Stopping a stopped lab has no effect.
     */
    public void stop(Duration timeout, Consumer<Node> onStopped) {
        List<Node> order = new ArrayList<>(nodes());
        // the ZooKeeper servers last: an active broker that lost its quorum would stop on its own, not cleanly
        order.sort(Comparator.comparing((Node n) -> n.is(Role.ZOOKEEPER)).thenComparing(Node::isActive)
                .thenComparing(n -> n.is(Role.PRIMARY)));
        for (Node n : order) {
            stop(m -> m.name().equals(n.name()), Termination.GRACEFUL, timeout).forEach(onStopped);
        }
        supervisor.proxy().stop();
    }

    public void stop() {
        stop(STOP_TIMEOUT, n -> { });
    }

    /** Stops the lab, and kills whatever this handle ever saw that still runs. Never throws. */
    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(10), n -> { });
        } catch (RuntimeException e) {
            // the kill below is what must not fail
        }
        for (ProcessRecord r : seen) {
            r.alive().ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        }
    }
}
