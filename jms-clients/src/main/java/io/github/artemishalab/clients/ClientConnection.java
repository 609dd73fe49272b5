package io.github.artemishalab.clients;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A JMS connection on the HA URL whose failover events go to the ledger (on the same timeline as sends and
 * receipts) and to the progress line.
 */
final class ClientConnection implements AutoCloseable {

    /** The ledger's failover kind for a connection the watchdog gave up on. */
    static final String WATCHDOG_RECONNECT = "WATCHDOG_RECONNECT";

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final ScheduledExecutorService watchdog;
    private volatile long failingSince;

    ClientConnection(ClientConfig config, Ledger ledger, Progress progress) throws JMSException {
        factory = new ActiveMQConnectionFactory(config.url(), config.user(), config.password());
        Connection c = null;
        try {
            c = factory.createConnection();
            ((ActiveMQConnection) c).setFailoverListener(event -> {
                ledger.append(LedgerEvent.failover(System.currentTimeMillis(), config.id(), event.name()));
                boolean failing = event == FailoverEventType.FAILURE_DETECTED;
                failingSince = failing ? System.nanoTime() : 0;
                progress.failingOver.set(failing);
                progress.tick();
            });
            c.start();
        } catch (JMSException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            factory.close();
            throw e;
        }
        connection = c;
        watchdog = config.watchdog() == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-client-watchdog");
            t.setDaemon(true);
            return t;
        });
        if (watchdog != null) {
            long limit = config.watchdog().toNanos();
            watchdog.scheduleWithFixedDelay(() -> {
                long since = failingSince;
                if (since != 0 && System.nanoTime() - since > limit) {
                    // Closing makes the blocked call throw; the client then opens a new connection on the HA URL.
                    failingSince = 0;
                    ledger.append(LedgerEvent.failover(System.currentTimeMillis(), config.id(), WATCHDOG_RECONNECT));
                    closeQuietly();
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (JMSException | RuntimeException ignored) {
            // the connection is broken anyway: that is why it is being closed
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        try {
            closeQuietly();
        } finally {
            factory.close();
        }
    }

    /** The Artemis error code (e.g. AMQ219016) and message of a failure, for the ledger. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return msg.length() > 200 ? msg.substring(0, 200) : msg;
    }
}
