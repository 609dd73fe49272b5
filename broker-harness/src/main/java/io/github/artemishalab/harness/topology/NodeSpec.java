package io.github.artemishalab.harness.topology;

/**
 * One node of a topology, as the supervisor starts it.
 *
 * @param name     the node's name in the lab, unique ({@code primary}, {@code backup}, later {@code zk1}, ...)
 * @param role     what it is for in its group
 * @param group    the pair (or ensemble) it belongs to
 * @param config   the broker.xml it runs, relative to the lab directory ({@code null} for a ZooKeeper server)
 * @param port     its acceptor port (a ZooKeeper server's client port)
 * @param peerPort the port of the node its static connector points at (its pair partner); a ZooKeeper server's
 *                 quorum port, its election port being as far above
 * @param dataDir  its journal directory, relative to the lab directory (shared by a shared-store pair)
 */
public record NodeSpec(String name, Role role, String group, String config, int port, int peerPort, String dataDir) {

    public boolean is(Role r) {
        return role == r;
    }

    /** A ZooKeeper server's id ({@code myid}): the number in its name. */
    public int zkId() {
        if (role != Role.ZOOKEEPER) {
            throw new IllegalStateException(name + " is not a ZooKeeper server");
        }
        return Integer.parseInt(name.substring(2));
    }
}
