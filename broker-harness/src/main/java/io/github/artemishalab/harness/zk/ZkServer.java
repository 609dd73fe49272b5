package io.github.artemishalab.harness.zk;

/**
 * One server of a ZooKeeper ensemble: its id (ZooKeeper's {@code myid}), its host, and its three ports.
 *
 * @param id           the server's id, 1..255, unique in the ensemble
 * @param host         where it listens and where peers and clients reach it
 * @param clientPort   the port clients (the brokers' lock managers) connect to
 * @param peerPort     the port followers connect to when this server leads
 * @param electionPort the port of leader election
 */
public record ZkServer(int id, String host, int clientPort, int peerPort, int electionPort) {

    public ZkServer {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("a ZooKeeper server id is 1..255, not " + id);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("server " + id + " has no host");
        }
    }

    /** The lab's name of this server as a node: {@code zk1}, {@code zk2}, ... */
    public String name() {
        return "zk" + id;
    }

    /** What peers know of it: the value of its {@code server.N} line, {@code host:peerPort:electionPort}. */
    public String quorumAddress() {
        return host + ":" + peerPort + ":" + electionPort;
    }

    /** What clients know of it: {@code host:clientPort}, one entry of a connect string. */
    public String clientAddress() {
        return host + ":" + clientPort;
    }
}
