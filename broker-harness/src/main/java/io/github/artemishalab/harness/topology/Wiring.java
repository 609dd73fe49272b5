package io.github.artemishalab.harness.topology;

import io.github.artemishalab.harness.net.Link;
import io.github.artemishalab.harness.zk.ZkEnsemble;
import io.github.artemishalab.harness.zk.ZkServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each node of a topology listens and what it announces, with or without the lab's fault proxy in front.
 * <p>
 * Behind the proxy, node {@code i} binds its acceptor to the private address {@code 127.77.1.i} and announces
 * {@code localhost}; the proxy listens on {@code 127.0.0.1:port} for clients and on {@code 127.77.0.j:port} for node
 * {@code j}, whose JVM resolves {@code localhost} to {@code 127.77.0.j} (its own hosts file). So one announced
 * connector reaches the proxy by a different door from each peer and from the clients, and every link can be cut on
 * its own, without root and without a connector parameter that the topology would hand on to clients.
 *
 * @param topology the nodes
 * @param host     where clients connect (the proxy's client side, or the nodes themselves without it)
 * @param proxied  whether the fault proxy sits on every link
 */
public record Wiring(Topology topology, String host, boolean proxied) {

    /** The name every proxied node announces; each JVM resolves it to its own door into the proxy. */
    public static final String ANNOUNCED_HOST = "localhost";
    /** The side of a link that stands for every client. */
    public static final String CLIENTS = "clients";

    /** The host of the node's {@code self} connector, announced to clients and peers. */
    public String announcedHost() {
        return proxied ? ANNOUNCED_HOST : reachable(host);
    }

    /**
     * Where others reach a node bound to {@code host}: the host itself, or this machine's name for a wildcard
     * ({@code 0.0.0.0}), which binds every interface but is no address to connect to: announced to a remote client, it
     * made the client fail over to itself; and no certificate can name it.
     */
    public static String reachable(String host) {
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost"; // a machine that cannot name itself: at least its own clients still connect
        }
    }

    /** Where the node's acceptor listens. */
    public String bindHost(NodeSpec node) {
        return proxied ? "127.77.1." + number(node) : host;
    }

    /** The address the node's own outgoing connections go to: its door into the proxy. */
    public String egressHost(NodeSpec node) {
        return "127.77.0." + number(node);
    }

    /** The hosts file of the node's JVM ({@code -Djdk.net.hosts.file}): {@code localhost} is its door. */
    public String hostsFile(NodeSpec node) {
        return "# written by the lab: this node's connections to 'localhost' go through its door into the fault proxy\n"
                + egressHost(node) + " " + ANNOUNCED_HOST + "\n";
    }

    /**
     * Every link the proxy carries: clients to each broker, each broker to each other broker and to each ZooKeeper
     * server. The ZooKeeper servers talk to each other directly: the lab cuts a broker from the ensemble, not the
     * ensemble apart.
     */
    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (NodeSpec to : topology.nodes()) {
            if (to.role().broker()) {
                links.add(new Link(CLIENTS, to.name(), host, to.port(), bindHost(to), to.port()));
            }
            for (NodeSpec from : topology.brokers()) {
                if (!from.equals(to)) {
                    links.add(new Link(from.name(), to.name(), egressHost(from),
                            to.port(), bindHost(to), to.port()));
                }
            }
        }
        return links;
    }

    /** The ZooKeeper ensemble as its servers are told it: each quorum and election port on its own address. */
    public ZkEnsemble ensemble() {
        return new ZkEnsemble(topology.ensemble().stream().map(n -> new ZkServer(n.zkId(), bindHost(n), n.port(),
                n.peerPort(), n.peerPort() + Topology.ZK_QUORUM_PORT_OFFSET)).toList());
    }

    /** The brokers' lock manager connect string: through each broker's door into the proxy when proxied. */
    public String zkConnect() {
        return topology.zkConnect(announcedHost());
    }

    private int number(NodeSpec node) {
        int i = topology.nodes().indexOf(node);
        if (i < 0) {
            throw new IllegalArgumentException("node " + node.name() + " is not in this topology");
        }
        return i + 1;
    }
}
