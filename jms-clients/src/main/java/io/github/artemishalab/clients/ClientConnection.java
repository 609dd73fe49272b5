package io.github.artemishalab.clients;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A JMS connection on the HA URL whose failover events go to the ledger (on the same timeline as sends and
 * receipts) and to the progress line.
 */
final class ClientConnection implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;

    ClientConnection(ClientConfig config, Ledger ledger, Progress progress) throws JMSException {
        factory = new ActiveMQConnectionFactory(config.url(), config.user(), config.password());
        Connection c = null;
        try {
            c = factory.createConnection();
            ((ActiveMQConnection) c).setFailoverListener(event -> {
                ledger.append(LedgerEvent.failover(System.currentTimeMillis(), config.id(), event.name()));
                progress.failingOver.set(event == FailoverEventType.FAILURE_DETECTED);
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
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException ignored) {
            // closing a connection to a dead pair: nothing left to release on our side
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
