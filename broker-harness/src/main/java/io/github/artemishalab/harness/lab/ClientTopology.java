package io.github.artemishalab.harness.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ClusterTopologyListener;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.client.TopologyMember;

/**
 * The cluster topology as a client on the HA URL learns it: which node is active, and which backup is paired.
 *
 * <p>A lookup can be opened ahead of need ({@link #open}): it connects on a thread of its own while the caller waits
 * for something else (the backup's sync, at the end of {@code up}), and keeps the connection, on which the brokers push
 * every change, so that {@link #lines} later reports the topology as it is then. The CLI's first client connection
 * loads about a thousand classes: done ahead, that costs the user nothing.
 */
public final class ClientTopology implements AutoCloseable {

    private final String url;
    private final CountDownLatch paired = new CountDownLatch(1);
    private final CountDownLatch tried = new CountDownLatch(1);
    private volatile ServerLocator locator;
    private volatile ClientSessionFactory factory;
    private volatile String failure;

    private ClientTopology(LabConfig config, Duration timeout) {
        this.url = config.haUrl().replace("initialConnectAttempts=-1", "initialConnectAttempts=1")
                .replace("reconnectAttempts=-1", "reconnectAttempts=0") + "&callTimeout=" + timeout.toMillis();
    }

    /**
     * One line per topology member ("primary tcp://... , backup tcp://..."), or one line saying why there is none.
     * A single connection attempt, no reconnects, then at most {@code timeout} for the topology.
     */
    public static List<String> read(LabConfig config, Duration timeout) {
        try (ClientTopology lookup = open(config, timeout)) {
            return lookup.lines(timeout);
        }
    }

    /** Starts connecting now, on a daemon thread (a single attempt of at most {@code timeout}); returns at once. */
    public static ClientTopology open(LabConfig config, Duration timeout) {
        ClientTopology lookup = new ClientTopology(config, timeout);
        Thread t = new Thread(lookup::connect, "lab-topology-lookup");
        t.setDaemon(true);
        t.start();
        return lookup;
    }

    private void connect() {
        try {
            io.github.artemishalab.clients.ClientTls.presentKeyOf(url);
            ServerLocator l = ActiveMQClient.createServerLocator(url);
            locator = l;
            l.addClusterTopologyListener(new ClusterTopologyListener() {
                @Override
                public void nodeUP(TopologyMember member, boolean last) {
                    // A backup's announcement can reach the client a moment before it is merged with its primary.
                    if (member.getPrimary() != null && member.getBackup() != null) {
                        paired.countDown();
                    }
                }

                @Override
                public void nodeDown(long eventUID, String nodeID) {
                }
            });
            factory = l.createSessionFactory();
        } catch (Exception e) {
            failure = "(no node answered: " + e.getMessage() + ")";
        } finally {
            tried.countDown();
        }
    }

    /**
     * The topology as the client knows it now, once the connection attempt has ended (it is a single one, which
     * Artemis's connect timeout bounds) and after waiting up to {@code wait} more for a primary paired with its backup
     * (a pair without a backup never pairs, and gets its half entry).
     */
    public List<String> lines(Duration wait) {
        try {
            tried.await();
            if (failure != null) {
                return List.of(failure);
            }
            // the topology arrives just after the connection
            paired.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(interrupted)");
        }
        Collection<? extends TopologyMember> members = locator.getTopology().getMembers();
        List<String> lines = new ArrayList<>();
        boolean complete = members.stream().anyMatch(m -> m.getPrimary() != null && m.getBackup() != null);
        for (TopologyMember m : members) {
            if (complete && (m.getPrimary() == null || m.getBackup() == null)) {
                continue; // a half entry the complete one supersedes
            }
            lines.add("active " + endpoint(m.getPrimary()) + ", backup "
                    + (m.getBackup() != null ? endpoint(m.getBackup()) : "none announced"));
        }
        if (lines.isEmpty()) {
            lines.add("(connected to " + endpoint(factory.getConnectorConfiguration()) + ", but no topology yet)");
        }
        return lines;
    }

    /** Closes the connection; a lookup still connecting closes it when done. Never throws. */
    @Override
    public void close() {
        Thread closer = new Thread(() -> {
            try {
                tried.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ClientSessionFactory f = factory;
            ServerLocator l = locator;
            if (f != null) {
                f.close();
            }
            if (l != null) {
                l.close();
            }
        }, "lab-topology-close");
        if (tried.getCount() == 0) {
            closer.run();
        } else {
            closer.setDaemon(true);
            closer.start();
        }
    }

    private static String endpoint(TransportConfiguration t) {
        if (t == null) {
            return "none";
        }
        return "tcp://" + t.getParams().get("host") + ":" + t.getParams().get("port");
    }
}
