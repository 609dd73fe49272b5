package io.github.artemishalab.harness.node;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ClusterTopologyListener;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.client.TopologyMember;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.cluster.ha.PrimaryOnlyPolicy;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.core.server.impl.PrimaryOnlyActivation;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Finishes a cluster member's scale-down when Artemis's own clean stop fails on the way to it.
 *
 * <p>Artemis 2.55.0's {@code PrimaryOnlyActivation.freezeConnections} connects to the scale-down target, then asks
 * that connection's topology for the target's member. When the connection opened before the target's own entry
 * arrived in the topology, the lookup is null and the stop ends in a {@code NullPointerException}: the broker is
 * left in STOPPING and never scales down, so a clean stop strands the member's messages on its disk as a crash would.
 * The lab met it once in about twenty stops of a member a few seconds after its start, on a loaded machine.
 *
 * <p>By then the activation holds a session factory connected to the target. This class waits (at most
 * {@value #WAIT_MS} ms) until that connection's topology knows the target, then runs the step the failed stop
 * skipped, {@code postConnectionFreeze}: the scale-down itself, over that factory. Clients are not told where the
 * messages went (the freeze that tells them is what failed): they lose the member when this JVM exits, as after a
 * crash, and reconnect on their HA URL. The factory is a private field of the activation, read by reflection: Artemis
 * offers no other way to it, and this works around its bug only.
 */
final class ScaleDownRescue {

    static final long WAIT_MS = 5_000;

    private ScaleDownRescue() {
    }

    /** False unless {@code failure} is that race; then the scale-down ran, or the log says why it could not. */
    static boolean attempt(ActiveMQServer server, RuntimeException failure, PrintWriter out) {
        if (!(failure instanceof NullPointerException) || !(server instanceof ActiveMQServerImpl impl)
                || !(impl.getActivation() instanceof PrimaryOnlyActivation activation)
                || !(impl.getHAPolicy() instanceof PrimaryOnlyPolicy policy)
                || policy.getScaleDownPolicy() == null || !policy.getScaleDownPolicy().isEnabled()
                || !fromFreeze(failure)) {
            return false;
        }
        say(out, "Artemis's clean stop failed before its scale-down (" + failure.getMessage()
                + ", in PrimaryOnlyActivation.freezeConnections: the target was not yet in the topology)");
        ClientSessionFactory factory = factoryOf(activation);
        RemotingConnection connection = factory == null ? null : factory.getConnection();
        if (connection == null) {
            say(out, "no scale-down: no connection to a target; the messages stay on this node's disk");
        } else if (!awaitMember(factory.getServerLocator(), connection)) {
            say(out, "no scale-down: the target never appeared in its own topology within " + WAIT_MS
                    + " ms; the messages stay on this node's disk");
        } else {
            say(out, "the target is in the topology now: the lab runs the scale-down itself");
            activation.postConnectionFreeze(); // logs AMQ221078 with the count, or why it failed
        }
        return true;
    }

    private static boolean awaitMember(ServerLocator locator, RemotingConnection connection) {
        CountDownLatch known = new CountDownLatch(1);
        ClusterTopologyListener listener = new ClusterTopologyListener() {
            @Override
            public void nodeUP(TopologyMember member, boolean last) {
                if (locator.getTopology().getMember(connection) != null) {
                    known.countDown();
                }
            }

            @Override
            public void nodeDown(long eventUID, String nodeID) {
            }
        };
        locator.addClusterTopologyListener(listener);
        try {
            return locator.getTopology().getMember(connection) != null || known.await(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            locator.removeClusterTopologyListener(listener);
        }
    }

    private static ClientSessionFactory factoryOf(PrimaryOnlyActivation activation) {
        try {
            Field f = PrimaryOnlyActivation.class.getDeclaredField("scaleDownClientSessionFactory");
            f.setAccessible(true);
            return (ClientSessionFactory) f.get(activation);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static boolean fromFreeze(Throwable failure) {
        for (StackTraceElement e : failure.getStackTrace()) {
            if (e.getClassName().equals(PrimaryOnlyActivation.class.getName())
                    && e.getMethodName().equals("freezeConnections")) {
                return true;
            }
        }
        return false;
    }

    private static void say(PrintWriter out, String line) {
        out.println("[lab] " + line);
        out.flush();
    }
}
