package io.github.artemishalab.harness.node;

import io.github.artemishalab.harness.lab.NodeStatus.QueueCount;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.cluster.ClusterConnection;
import org.apache.activemq.artemis.core.server.cluster.ClusterManager;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;

/** What an active broker holds, read from the server object for its status file ("where is what"). */
final class BrokerCounts {

    /** Queues a broker always has, shown only when something sits on them. */
    private static final Set<String> QUIET_WHEN_EMPTY = Set.of("DLQ", "ExpiryQueue");

    private BrokerCounts() {
    }

    /** The active brokers in this broker's cluster topology, itself included; 1 outside a cluster. */
    static int clusterMembers(ActiveMQServerImpl s) {
        ClusterManager cm = s.getClusterManager();
        if (cm == null) {
            return 1;
        }
        int most = 1;
        for (ClusterConnection cc : cm.getClusterConnections()) {
            if (cc.getTopology() != null) {
                most = Math.max(most, (int) cc.getTopology().getMembers().stream()
                        .filter(m -> m.getPrimary() != null).count());
            }
        }
        return most;
    }

    /** The application queues: internal ones (a cluster's store-and-forward queues) are not the user's. */
    static List<QueueCount> queues(ActiveMQServerImpl s) {
        if (s.getPostOffice() == null) {
            return List.of();
        }
        try {
            return s.getPostOffice().getAllBindings()
                    .filter(LocalQueueBinding.class::isInstance)
                    .map(b -> ((LocalQueueBinding) b).getQueue())
                    .filter(q -> !q.isInternalQueue() && !q.getName().toString().startsWith("$"))
                    .map(BrokerCounts::count)
                    .filter(c -> c.messages() > 0 || c.consumers() > 0 || !QUIET_WHEN_EMPTY.contains(c.name()))
                    .sorted(Comparator.comparing(QueueCount::name))
                    .toList();
        } catch (RuntimeException stoppingMeanwhile) {
            return List.of();
        }
    }

    private static QueueCount count(Queue q) {
        return new QueueCount(q.getName().toString(), q.getMessageCount(), q.getConsumerCount());
    }
}
