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

/** The cluster topology as a client on the HA URL learns it: which node is active, and which backup is paired. */
public final class ClientTopology {

    private ClientTopology() {
    }

    /**
     * One line per topology member ("primary tcp://... , backup tcp://..."), or one line saying why there is none.
     * Never blocks longer than {@code timeout}: a single connection attempt, no reconnects.
     */
    public static List<String> read(LabConfig config, Duration timeout) {
        String url = config.haUrl().replace("initialConnectAttempts=-1", "initialConnectAttempts=1")
                .replace("reconnectAttempts=-1", "reconnectAttempts=0") + "&callTimeout=" + timeout.toMillis();
        CountDownLatch paired = new CountDownLatch(1);
        io.github.artemishalab.clients.ClientTls.presentKeyOf(url);
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url)) {
            locator.addClusterTopologyListener(new ClusterTopologyListener() {
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
            ClientSessionFactory factory = locator.createSessionFactory();
            // the topology arrives just after the connection; a pair without a backup never completes the latch
            paired.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
            factory.close();
            return lines;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(interrupted)");
        } catch (Exception e) {
            return List.of("(no node answered: " + e.getMessage() + ")");
        }
    }

    private static String endpoint(TransportConfiguration t) {
        if (t == null) {
            return "none";
        }
        return "tcp://" + t.getParams().get("host") + ":" + t.getParams().get("port");
    }
}
