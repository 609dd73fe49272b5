package io.github.artemishalab.harness.node;

import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeProcess;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.client.TopologyMember;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.cluster.BackupManager;
import org.apache.activemq.artemis.core.server.cluster.ha.HAPolicy;
import org.apache.activemq.artemis.core.server.cluster.ha.ReplicaPolicy;
import org.apache.activemq.artemis.core.server.cluster.ha.ReplicationBackupPolicy;
import org.apache.activemq.artemis.core.server.cluster.ha.SharedStorePrimaryPolicy;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

/**
 * One embedded Artemis broker in the foreground of this JVM. It keeps {@code status.json} current (every change,
 * and every {@value #STATUS_PERIOD_MS} ms), stops the broker cleanly on SIGTERM, and dies with it on SIGKILL.
 */
public final class NodeRunner {

    static final long STATUS_PERIOD_MS = 200;
    /** The exit code of a node whose broker stopped itself. */
    public static final int SELF_STOP_EXIT = 3;

    private final String name;
    private final Path config;
    private volatile String url;
    private final Path statusFile;
    private final PrintWriter out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ProcessRecord self = ProcessRecord.of(ProcessHandle.current());
    private final long started = System.currentTimeMillis();
    private volatile ActiveMQServerImpl server;
    private volatile boolean shuttingDown;
    private NodeState lastState;
    private long since;
    private long lastActive;
    /** A shared-store backup re-announces itself when the primary's topology changes; it stays a backup meanwhile. */
    private boolean announced;
    private final StateJournal journal;
    private final RoleHooks hooks;
    /** What Artemis said when it began to stop the broker for good (see {@link StopNotices}), else null. */
    private volatile String stopNotice;
    /** Artemis stopped the broker for good, for whatever reason (it does not always log one). */
    private volatile boolean stoppedForGood;
    private volatile String stoppedItself;

    public NodeRunner(String name, Path config, Path statusFile, PrintWriter out) {
        this(name, config, statusFile, out, new RoleHooks(name, null, null, null, out));
    }

    public NodeRunner(String name, Path config, Path statusFile, PrintWriter out, RoleHooks hooks) {
        this.name = name;
        this.config = config;
        this.statusFile = statusFile;
        this.out = out;
        this.hooks = hooks;
        this.journal = new StateJournal(statusFile.resolveSibling(StateJournal.FILE));
    }

    /** Starts the broker and blocks until the JVM is asked to stop. */
    public void run() throws Exception {
        run(false);
    }

    /**
     * Starts the broker; with {@code exitWhenActive}, stops it again as soon as it is active (the class-data
     * archive's warm-up run), otherwise blocks until the JVM is asked to stop.
     */
    public void run(boolean exitWhenActive) throws Exception {
        BrokerXmlCheck.check(config);
        // Artemis logs through slf4j-simple to System.out, looked up on every line: read it on its way to the log
        System.setOut(new PrintStream(new StopNotices(System.out, line -> stopNotice = line), true,
                StandardCharsets.UTF_8));
        writeStatus();

        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(config.toUri().toString());
        deployment.addDeployable(configuration);
        try {
            deployment.readConfiguration();
        } catch (Exception e) {
            throw new LabException(LabException.USAGE, config + ": " + e.getMessage());
        }
        TransportConfiguration acceptor = configuration.getAcceptorConfigurations().stream().findFirst()
                .orElseThrow(() -> new LabException(LabException.USAGE, config + ": no <acceptor>"));
        String host = String.valueOf(acceptor.getParams().getOrDefault(TransportConstants.HOST_PROP_NAME, "localhost"));
        int port = Integer.parseInt(String.valueOf(acceptor.getParams().getOrDefault(TransportConstants.PORT_PROP_NAME,
                TransportConstants.DEFAULT_PORT)));
        url = "tcp://" + host + ":" + port;
        PortCheck.requireFree(host, port, name);
        out.printf("[lab] node %s: %s, acceptor %s%n", name, config, url);
        out.flush();
        ActiveMQJAASSecurityManager security = new ActiveMQJAASSecurityManager("activemq");
        server = new ActiveMQServerImpl(configuration, ManagementFactory.getPlatformMBeanServer(), security);
        server.registerActivateCallback(new ActivateCallback() {
            @Override
            public void activated() {
                writeStatus();
            }

            @Override
            public void deActivate() {
                writeStatus();
            }

            /**
             * Artemis stops a broker for good with {@code stop(isShutdown = true)}, which ends here, and to start it
             * again as a backup with a plain stop, which does not. A stop the lab did not ask for is the broker's own.
             */
            @Override
            public void shutdown(ActiveMQServer s) {
                if (!shuttingDown) {
                    stoppedForGood = true;
                }
            }
        });

        ScheduledExecutorService statusTimer = NodeProcess.statusEvery(STATUS_PERIOD_MS, this::writeStatusSafely);
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "lab-shutdown"));

        StartAfter.await(out);
        // A shared-store primary blocks in start() until it holds the journal lock; status keeps flowing meanwhile.
        server.start();
        writeStatus();
        if (exitWhenActive) {
            server.waitForActivation(60, TimeUnit.SECONDS);
            shuttingDown = true;
            server.stop();
            statusTimer.shutdownNow();
            return;
        }
        stopped.await();
        statusTimer.shutdownNow();
    }

    private void shutdown() {
        shuttingDown = true;
        ActiveMQServer s = server;
        try {
            if (s != null) {
                s.stop();
            }
        } catch (RuntimeException e) {
            if (!ScaleDownRescue.attempt(s, e, out)) {
                out.println("[lab] broker stop failed: " + e);
                e.printStackTrace(out);
            }
        } catch (Exception e) {
            out.println("[lab] broker stop failed: " + e);
            e.printStackTrace(out);
        } finally {
            writeStatus();
            out.flush();
            stopped.countDown();
        }
    }

    /** A periodic task that throws is never run again: keep the status flowing whatever one round meets. */
    private void writeStatusSafely() {
        try {
            writeStatus();
        } catch (RuntimeException e) {
            out.println("[lab] cannot write status: " + e);
            e.printStackTrace(out);
            out.flush();
        }
    }

    synchronized void writeStatus() {
        NodeState state = stoppedItself != null ? NodeState.STOPPED : currentState();
        long now = System.currentTimeMillis();
        if (state != lastState) {
            out.println("[lab] node " + name + " is " + state);
            out.flush();
            lastState = state;
            since = now;
            journal.append(new StateJournal.Entry(name, state, now, self.pid()));
            hooks.changed(state);
        }
        if (state == NodeState.ACTIVE) {
            lastActive = now;
        }
        ActiveMQServerImpl s = server;
        String nodeId = s != null && s.getNodeID() != null ? s.getNodeID().toString() : null;
        String version = s != null ? s.getVersion().getFullVersion() : null;
        boolean active = state == NodeState.ACTIVE && s != null;
        Json.writeAtomically(statusFile,
                new NodeStatus(name, state, self.pid(), self.startedAt(), url, nodeId, since, now, version, lastActive,
                        state == NodeState.STARTING && awaitingLock(), started, hooks.failure(), stoppedItself,
                        active ? BrokerCounts.clusterMembers(s) : 0, active ? s.getConnectionCount() : 0,
                        active ? BrokerCounts.queues(s) : List.of()));
        watchForSelfStop(s, now);
    }

    /**
     * A broker that Artemis stopped for good (a replication-zk broker that lost its quorum, a backup whose registration
     * at its primary failed; its log says why, {@link StopNotices}) has stopped itself, and Artemis leaves restarting
     * it to whatever runs it. Once it is stopped the node ends its JVM, as a service whose broker ended does, so that
     * the lab shows it stopped and a start brings it back. A broker stopped to start again as a backup (failback) says
     * nothing of the kind, and is left alone however long it takes.
     */
    private void watchForSelfStop(ActiveMQServerImpl s, long now) {
        if (s == null || shuttingDown || stoppedItself != null || (stopNotice == null && !stoppedForGood)) {
            return;
        }
        if (s.getState() == ActiveMQServer.SERVER_STATE.STOPPED) {
            String why = stopNotice != null ? stopNotice.replaceAll("^.* - ", "") : "Artemis shut it down for good";
            stoppedItself = "the broker stopped itself (" + why + "); its JVM exits";
            out.println("[lab] node " + name + ": " + stoppedItself);
            writeStatus();
            Thread exit = new Thread(() -> System.exit(SELF_STOP_EXIT), "lab-self-stop");
            exit.start();
        }
    }

    private NodeState currentState() {
        ActiveMQServerImpl s = server;
        if (s == null) {
            return shuttingDown ? NodeState.STOPPED : NodeState.STARTING;
        }
        ActiveMQServer.SERVER_STATE st = s.getState();
        if (st == ActiveMQServer.SERVER_STATE.STOPPED && shuttingDown) {
            return NodeState.STOPPED;
        }
        if (st != ActiveMQServer.SERVER_STATE.STARTED || s.isActive()) {
            announced = false; // a restart (failback) or an activation starts the backup's story again
        }
        // isActive() alone is true before the first start: only a started server is active.
        if (st == ActiveMQServer.SERVER_STATE.STARTED && s.isActive()) {
            return NodeState.ACTIVE;
        }
        if (st != ActiveMQServer.SERVER_STATE.STARTED && st != ActiveMQServer.SERVER_STATE.STARTING) {
            // stopping, or stopped in the middle of a failback restart: neither active nor a ready backup
            return shuttingDown ? NodeState.STOPPED : NodeState.STARTING;
        }
        HAPolicy<?> policy = s.getHAPolicy();
        // a replicating backup, with quorum voting (ReplicaPolicy) or with a lock manager (ReplicationBackupPolicy)
        if (policy instanceof ReplicaPolicy || policy instanceof ReplicationBackupPolicy) {
            return replicaSync(s) ? NodeState.BACKUP_IN_SYNC : NodeState.BACKUP;
        }
        if (policy != null && policy.isBackup()) {
            announced |= pairedWithPrimary(s);
            return announced ? NodeState.BACKUP : NodeState.STARTING;
        }
        return NodeState.STARTING;
    }

    /**
     * Whether a shared-store backup is known to its primary: it announced itself on every cluster connection, and the
     * topology the primary sent back pairs this node id with a backup. Only then does a client that connects to the
     * primary learn where to fail over to; a client that connected before knows of no backup, and after a kill it
     * retries the dead primary for ever. Not {@code BackupManager.isBackupAnnounced()} alone: that is true while
     * the manager has no connector yet (before the backup even started), and true once the announcement is sent,
     * before the primary has it.
     */
    private static boolean pairedWithPrimary(ActiveMQServerImpl s) {
        BackupManager manager = s.getBackupManager();
        SimpleString nodeId = s.getNodeID();
        if (manager == null || nodeId == null || manager.getBackupConnectors().isEmpty()) {
            return false;
        }
        for (BackupManager.BackupConnector c : manager.getBackupConnectors()) {
            ServerLocator locator = c.getBackupServerLocator();
            TopologyMember me = c.isBackupAnnounced() && locator != null && locator.getTopology() != null
                    ? locator.getTopology().getMember(nodeId.toString()) : null;
            if (me == null || me.getBackup() == null) {
                return false;
            }
        }
        return true;
    }

    /** Whether a replicating backup is in sync; between two activations (a restart as backup) it is not. */
    private static boolean replicaSync(ActiveMQServerImpl s) {
        try {
            return s.isReplicaSync();
        } catch (NullPointerException noActivationYet) {
            return false;
        }
    }

    /** A shared-store primary blocked on the journal lock, which it only gets when the active node lets go. */
    private boolean awaitingLock() {
        ActiveMQServerImpl s = server;
        if (s == null || s.isActive() || !(s.getHAPolicy() instanceof SharedStorePrimaryPolicy)) {
            return false;
        }
        try {
            return s.getNodeManager() != null && s.getNodeManager().isAwaitingFailback();
        } catch (Exception e) {
            return false;
        }
    }
}
