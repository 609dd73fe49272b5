package io.github.artemishalab.harness.zk;

import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeProcess;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Version;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * One ZooKeeper server of an ensemble in the foreground of this JVM, started as ZooKeeper starts one
 * ({@link QuorumPeerMain} reading a {@code zoo.cfg}, with {@code myid} in its data directory). It keeps
 * {@code status.json} current (every change, and every {@value #STATUS_PERIOD_MS} ms) with the peer's state read from
 * the running {@link QuorumPeer}, and shuts the peer down on SIGTERM.
 */
public final class ZkNodeRunner {

    static final long STATUS_PERIOD_MS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final String name;
    private final ZkNodeConfig config;
    private final Path dataDir;
    private final Path statusFile;
    private final PrintWriter out;
    private final ProcessRecord self = ProcessRecord.of(ProcessHandle.current());
    private final long started = System.currentTimeMillis();
    private final LabPeerMain main = new LabPeerMain();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean shuttingDown;
    private ZkState lastState;
    private boolean lastServing;
    private long since;
    private boolean servedOnce;

    public ZkNodeRunner(String name, ZkNodeConfig config, Path dataDir, Path statusFile, PrintWriter out) {
        this.name = name;
        this.config = config;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.statusFile = statusFile;
        this.out = out;
    }

    /** Starts the quorum peer and blocks until it stops (SIGTERM, or a fatal error inside ZooKeeper). */
    public void run() throws IOException {
        String[] quorum = config.quorumAddress();
        PortCheck.requireFree(config.host(), config.clientPort(), name + " client port");
        PortCheck.requireFree(quorum[0], Integer.parseInt(quorum[1]), name + " peer port");
        PortCheck.requireFree(quorum[0], Integer.parseInt(quorum[2]), name + " election port");
        Path zooCfg = prepareDataDir();
        writeStatus();
        out.printf("[lab] node %s: ZooKeeper %s, server %d of %s, clients on %s:%d, %s%n", name, version(),
                config.id(), config.servers().keySet(), config.host(), config.clientPort(), zooCfg);
        out.flush();

        ScheduledExecutorService statusTimer = NodeProcess.statusEvery(STATUS_PERIOD_MS, this::writeStatusSafely);
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "lab-shutdown"));
        try {
            main.start(zooCfg);
        } catch (QuorumPeerConfig.ConfigException e) {
            throw new LabException(LabException.USAGE, zooCfg + ": " + e.getMessage());
        } finally {
            shuttingDown = true;
            statusTimer.shutdownNow();
            writeStatusSafely();
            out.flush();
            finished.countDown();
        }
    }

    /** Writes {@code myid} and {@code zoo.cfg} into the data directory, where ZooKeeper keeps its snapshots too. */
    private Path prepareDataDir() throws IOException {
        Files.createDirectories(dataDir);
        Path myid = dataDir.resolve("myid");
        if (Files.exists(myid) && !Files.readString(myid).strip().equals(Integer.toString(config.id()))) {
            throw new LabException(LabException.USAGE, dataDir + " belongs to ZooKeeper server "
                    + Files.readString(myid).strip() + ", not " + config.id() + ": give each server its own --data-dir");
        }
        Files.writeString(myid, config.id() + "\n", StandardCharsets.UTF_8);
        Path zooCfg = dataDir.resolve("zoo.cfg");
        // with TLS it holds the stores' password: its owner's only, from the first byte on
        Files.deleteIfExists(zooCfg);
        Files.createFile(zooCfg, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(zooCfg, config.zooCfg(dataDir), StandardCharsets.UTF_8);
        return zooCfg;
    }

    private void shutdown() {
        shuttingDown = true;
        main.close();
        try {
            // the main thread writes the final status once the peer has stopped
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A periodic task that throws is never run again: keep the status flowing whatever one round meets. */
    private void writeStatusSafely() {
        try {
            writeStatus();
        } catch (RuntimeException e) {
            out.println("[lab] cannot write status: " + e);
            out.flush();
        }
    }

    synchronized void writeStatus() {
        QuorumPeer peer = main.peer();
        ZkState state = state(peer);
        ZooKeeperServer server = peer != null ? peer.getActiveServer() : null;
        boolean serving = state.inQuorum() && server != null && server.isRunning()
                && peer.getZabState() == QuorumPeer.ZabState.BROADCAST;
        // ZooKeeper keeps -1 until the new epoch's leader is known
        long leaderId = state.inQuorum() ? Math.max(0, peer.getLeaderId()) : 0;
        long now = System.currentTimeMillis();
        if (state != lastState || serving != lastServing) {
            if (state != lastState) {
                since = now;
            }
            // timed like ZooKeeper's own lines, so that a role change can be put beside the brokers' logs
            StringBuilder line = new StringBuilder(LocalTime.now().format(TIME) + " [lab] node " + name + " is "
                    + state);
            if (state.inQuorum()) {
                line.append(serving ? " (leader " + leaderId + ", serving)" : " (syncing)");
            }
            if (serving && !servedOnce) {
                servedOnce = true;
                line.append(", ").append(now - self.startedAt()).append(" ms after its JVM started");
            }
            out.println(line);
            out.flush();
            lastState = state;
            lastServing = serving;
        }
        Json.writeAtomically(statusFile, new ZkNodeStatus(name, config.id(), state, serving, leaderId,
                server != null && serving ? server.getNumAliveConnections() : 0, self.pid(), self.startedAt(),
                config.host() + ":" + config.clientPort(), since, now, version(), started));
    }

    private ZkState state(QuorumPeer peer) {
        if (peer == null) {
            return shuttingDown ? ZkState.STOPPED : ZkState.STARTING;
        }
        if (shuttingDown || !peer.isRunning()) {
            return ZkState.STOPPED;
        }
        return switch (peer.getPeerState()) {
            case LOOKING -> ZkState.LOOKING;
            case FOLLOWING -> ZkState.FOLLOWING;
            case LEADING -> ZkState.LEADING;
            case OBSERVING -> ZkState.OBSERVING;
        };
    }

    private static String version() {
        String full = Version.getFullVersion();
        int cut = full.indexOf('-');
        return cut > 0 ? full.substring(0, cut) : full;
    }

    /** ZooKeeper's own main, which hands out the peer it creates so that the lab can read its state. */
    private static final class LabPeerMain extends QuorumPeerMain {

        private volatile QuorumPeer peer;

        /** Parses {@code zoo.cfg} and runs the peer, as {@code QuorumPeerMain.main} does, without exiting the JVM. */
        void start(Path zooCfg) throws IOException, QuorumPeerConfig.ConfigException {
            try {
                initializeAndRun(new String[] {zooCfg.toString()});
            } catch (org.apache.zookeeper.server.admin.AdminServer.AdminServerException e) {
                throw new IOException("ZooKeeper's admin server: " + e.getMessage(), e);
            }
        }

        @Override
        protected QuorumPeer getQuorumPeer() throws javax.security.sasl.SaslException {
            QuorumPeer created = super.getQuorumPeer();
            peer = created;
            return created;
        }

        QuorumPeer peer() {
            return peer;
        }
    }
}
