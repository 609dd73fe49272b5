package io.github.artemishalab.harness.node;

import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.cluster.ha.HAPolicy;
import org.apache.activemq.artemis.core.server.cluster.ha.ReplicaPolicy;
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

    public NodeRunner(String name, Path config, Path statusFile, PrintWriter out) {
        this.name = name;
        this.config = config;
        this.statusFile = statusFile;
        this.out = out;
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
        });

        ScheduledExecutorService statusTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-status");
            t.setDaemon(true);
            return t;
        });
        statusTimer.scheduleWithFixedDelay(this::writeStatusSafely, 0, STATUS_PERIOD_MS, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "lab-shutdown"));

        // A shared-store primary blocks in start() until it holds the journal lock; status keeps flowing meanwhile.
        server.start();
        writeStatus();
        if (exitWhenActive) {
            server.waitForActivation(60, TimeUnit.SECONDS);
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
        } catch (Exception e) {
            out.println("[lab] broker stop failed: " + e);
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
        NodeState state = currentState();
        long now = System.currentTimeMillis();
        if (state != lastState) {
            out.println("[lab] node " + name + " is " + state);
            out.flush();
            lastState = state;
            since = now;
        }
        if (state == NodeState.ACTIVE) {
            lastActive = now;
        }
        ActiveMQServerImpl s = server;
        String nodeId = s != null && s.getNodeID() != null ? s.getNodeID().toString() : null;
        String version = s != null ? s.getVersion().getFullVersion() : null;
        Json.writeAtomically(statusFile,
                new NodeStatus(name, state, self.pid(), self.startedAt(), url, nodeId, since, now, version, lastActive,
                        state == NodeState.STARTING && awaitingLock(), started));
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
        if (policy instanceof ReplicaPolicy) {
            return s.isReplicaSync() ? NodeState.BACKUP_IN_SYNC : NodeState.BACKUP;
        }
        if (policy != null && policy.isBackup()) {
            announced |= s.getBackupManager() != null && s.getBackupManager().isBackupAnnounced();
            return announced ? NodeState.BACKUP : NodeState.STARTING;
        }
        return NodeState.STARTING;
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
