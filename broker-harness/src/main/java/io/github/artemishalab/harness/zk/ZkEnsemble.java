package io.github.artemishalab.harness.zk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * The servers of one ZooKeeper ensemble: what each {@code lab zk-node} is told about its peers
 * ({@link #serversOption()}) and what the brokers' lock manager connects to ({@link #connectString()}).
 */
public record ZkEnsemble(List<ZkServer> servers) {

    public ZkEnsemble {
        servers = List.copyOf(servers);
        if (servers.size() < 3) {
            throw new IllegalArgumentException("an ensemble has at least 3 servers (one of 2 survives no failure), not "
                    + servers.size());
        }
        Set<Integer> ids = new HashSet<>();
        Set<String> ports = new HashSet<>();
        for (ZkServer s : servers) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("server id " + s.id() + " twice in the ensemble");
            }
            for (int port : new int[] {s.clientPort(), s.peerPort(), s.electionPort()}) {
                if (!ports.add(s.host() + ":" + port)) {
                    throw new IllegalArgumentException("port " + port + " on " + s.host() + " twice in the ensemble");
                }
            }
        }
    }

    /** {@code size} servers with ids 1..size on {@code host}, each port from {@code ports} (e.g. free ports). */
    public static ZkEnsemble of(int size, String host, IntSupplier ports) {
        List<ZkServer> list = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            list.add(new ZkServer(id, host, ports.getAsInt(), ports.getAsInt(), ports.getAsInt()));
        }
        return new ZkEnsemble(list);
    }

    public ZkServer server(int id) {
        return servers.stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + id + " in the ensemble"));
    }

    /** How many servers must be up for the ensemble to serve: a majority. */
    public int quorum() {
        return servers.size() / 2 + 1;
    }

    /** The lock manager's {@code connect-string} ({@code lab.zk.connect}): {@code host:clientPort,...}. */
    public String connectString() {
        return servers.stream().map(ZkServer::clientAddress).collect(Collectors.joining(","));
    }

    /** The value of {@code lab zk-node --servers}: {@code id=host:peerPort:electionPort,...}. */
    public String serversOption() {
        return servers.stream().map(s -> s.id() + "=" + s.quorumAddress()).collect(Collectors.joining(","));
    }
}
