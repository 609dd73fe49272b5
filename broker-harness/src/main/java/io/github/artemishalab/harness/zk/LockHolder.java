package io.github.artemishalab.harness.zk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Who holds the brokers' activation lock, read from ZooKeeper itself: the lock manager's lease is an ephemeral znode
 * under {@code /<namespace>/<node id>/locks/leases}, owned by the session of the broker that holds it. Each broker's
 * log names its sessions ({@code session id = 0x...}), so the owner's session names the broker.
 */
public final class LockHolder {

    /** The lock manager's namespace in the lab's broker.xml files. */
    public static final String NAMESPACE = "/artemis-ha-lab";
    private static final Pattern SESSION = Pattern.compile("session id = (0x[0-9a-f]+)");

    /**
     * What the ensemble says now.
     *
     * @param reachable whether a server of the ensemble answered
     * @param sessions  the sessions that hold a lease (one while a broker is active, none between holders)
     */
    public record Lease(boolean reachable, List<Long> sessions) {
        /** The broker whose log names the session that holds the lease, if one does. */
        public Optional<String> holder(Map<String, Path> brokerLogs) {
            for (long session : sessions) {
                for (Map.Entry<String, Path> log : brokerLogs.entrySet()) {
                    if (lastSession(log.getValue()).filter(s -> s == session).isPresent()) {
                        return Optional.of(log.getKey());
                    }
                }
            }
            return Optional.empty();
        }
    }

    private LockHolder() {
    }

    /** Reads the leases from {@code connect} (a connect string), giving up after {@code timeout}. */
    public static Lease read(String connect, Duration timeout) {
        return read(connect, timeout, null);
    }

    /** As above, over TLS when {@code tls} is not null. */
    public static Lease read(String connect, Duration timeout, ZkTls tls) {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = null;
        try {
            org.apache.zookeeper.client.ZKClientConfig client = new org.apache.zookeeper.client.ZKClientConfig();
            if (tls != null) {
                tls.clientConfig().forEach(client::setProperty);
            }
            zk = new ZooKeeper(connect, (int) Math.max(timeout.toMillis(), 2000), e -> {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            }, client);
            if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Lease(false, List.of());
            }
            List<Long> owners = new ArrayList<>();
            if (zk.exists(NAMESPACE, false) != null) {
                for (String nodeId : zk.getChildren(NAMESPACE, false)) {
                    String leases = NAMESPACE + "/" + nodeId + "/locks/leases";
                    if (zk.exists(leases, false) == null) {
                        continue;
                    }
                    for (String lease : zk.getChildren(leases, false)) {
                        Stat stat = zk.exists(leases + "/" + lease, false);
                        if (stat != null && stat.getEphemeralOwner() != 0) {
                            owners.add(stat.getEphemeralOwner());
                        }
                    }
                }
            }
            return new Lease(true, owners);
        } catch (IOException | KeeperException e) {
            return new Lease(false, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lease(false, List.of());
        } finally {
            if (zk != null) {
                try {
                    zk.close(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The last ZooKeeper session a broker's log names. */
    static Optional<Long> lastSession(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = SESSION.matcher(text);
            Long last = null;
            while (m.find()) {
                last = Long.parseUnsignedLong(m.group(1).substring(2), 16);
            }
            return Optional.ofNullable(last);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
