package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Topology;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells a busy port before a broker would start without its acceptor. */
public final class PortCheck {

    private PortCheck() {
    }

    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a one-line error that names the port and who wanted it. */
    public static void requireFree(String host, int port, String who) {
        if (!isFree(host, port)) {
            throw new LabException(LabException.USAGE, "port " + port + " on " + host + " (" + who
                    + ") is already in use: stop what holds it, or choose another --base-port");
        }
    }

    /**
     * A base port whose pair (N and N+100) is free now, chosen at random in 20000-40000 so that runs side by side
     * (tests, benchmarks) do not collide.
     */
    public static int freePortPair(String host) {
        return freeBasePort(host, Mode.REPLICATION);
    }

    /** A base port from which every port a lab of {@code mode} uses is free now (ZooKeeper's quorum ports too). */
    public static int freeBasePort(String host, Mode mode) {
        return freeBasePort(host, mode, Topology.DEFAULT_CLUSTER_SIZE);
    }

    /** As {@link #freeBasePort(String, Mode)}, for a cluster of {@code size} brokers. */
    public static int freeBasePort(String host, Mode mode, int size) {
        for (int i = 0; i < 200; i++) {
            int p = java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 40000);
            if (Topology.of(mode, p, size).nodes().stream().allMatch(n -> isFree(host, n.port())
                    && (n.role().broker() || isFree(host, n.peerPort())
                    && isFree(host, n.peerPort() + Topology.ZK_QUORUM_PORT_OFFSET)))) {
                return p;
            }
        }
        throw new LabException("no free ports for a " + mode + " lab in 20000-40300");
    }

    /** A port that is free now, for tests and for {@code --base-port 0}. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LabException("no free port: " + e.getMessage());
        }
    }
}
