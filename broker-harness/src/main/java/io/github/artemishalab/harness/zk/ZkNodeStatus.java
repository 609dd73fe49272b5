package io.github.artemishalab.harness.zk;

import java.util.List;

import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeStatus;

/**
 * What a ZooKeeper node process writes about itself to its {@code status.json} (atomically, on every change and every
 * few hundred ms). The fields it shares with a broker's status have the same names and meanings.
 *
 * @param name        the node's name in the lab ({@code zk1})
 * @param id          its server id ({@code myid})
 * @param state       its peer state now
 * @param serving     whether it serves clients: a leader or follower done syncing (ZooKeeper's broadcast phase)
 * @param leaderId    the id of the server it last elected as leader, 0 while none
 * @param clients     the client connections it holds now (each broker's lock manager has one, to one server)
 * @param pid         its process id
 * @param pidStart    its process start time (epoch ms), to tell a reused pid from this process
 * @param clientUrl   where clients reach it, {@code host:clientPort}
 * @param since       when it entered {@code state} (epoch ms)
 * @param updated     when this was written (epoch ms)
 * @param version     the ZooKeeper version it runs
 * @param started     when the node's code began to run (epoch ms): {@code started - pidStart} is the JVM's start
 */
public record ZkNodeStatus(String name, int id, ZkState state, boolean serving, long leaderId, int clients, long pid,
                           long pidStart, String clientUrl, long since, long updated, String version, long started) {

    /** The node state the lab shows: leading or following while it serves, else looking (or starting, stopped). */
    public NodeState nodeState() {
        return switch (state) {
            case STARTING -> NodeState.STARTING;
            case STOPPED -> NodeState.STOPPED;
            case LEADING -> serving ? NodeState.LEADING : NodeState.LOOKING;
            case FOLLOWING, OBSERVING -> serving ? NodeState.FOLLOWING : NodeState.LOOKING;
            case LOOKING -> NodeState.LOOKING;
        };
    }

    /** This status in the form every node of the lab has. */
    public NodeStatus asNodeStatus() {
        return new NodeStatus(name, nodeState(), pid, pidStart, clientUrl, null, since, updated,
                "ZooKeeper " + version, 0, false, started, null, null, 0, clients, List.of());
    }
}
