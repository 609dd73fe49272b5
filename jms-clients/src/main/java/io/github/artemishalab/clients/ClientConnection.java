package io.github.artemishalab.clients;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
    private final FailoverWatch watch;
    private volatile ActiveMQConnection connectionForRecord;

    ClientConnection(ClientConfig config, Ledger ledger, Progress progress) throws JMSException {
        ClientTls.presentKeyOf(config.url());
        factory = new ActiveMQConnectionFactory(config.url(), config.user(), config.password());
        watch = new FailoverWatch(progress, config.watchdog() == null ? 0 : config.watchdog().toNanos(),
                System::nanoTime);
        Connection c = null;
        try {
            c = connect(config, progress);
            ((ActiveMQConnection) c).setFailoverListener(event -> {
                ledger.append(LedgerEvent.failover(System.currentTimeMillis(), config.id(), event.name()));
                watch.onEvent(event);
                if (event == FailoverEventType.FAILOVER_COMPLETED) {
                    recordBroker(ledger, config.id());
                }
            });
            c.start();
            connectionForRecord = (ActiveMQConnection) c;
            recordBroker(ledger, config.id());
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
            watchdog.scheduleWithFixedDelay(() -> {
                if (watch.giveUpIfOverdue()) {
                    // Closing makes the blocked call throw; the client then opens a new connection on the HA URL.
                    // A receive does not block: the client sees abandoned() and drops this connection itself.
                    ledger.append(LedgerEvent.failover(System.currentTimeMillis(), config.id(), WATCHDOG_RECONNECT));
                    closeQuietly();
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Opens the connection, trying again until it opens (an HA URL retries by itself), saying every few seconds that
     * it is still trying and where; gives up after the connect timeout, or at once when the broker refuses the
     * credentials, with a message that says why.
     */
    private Connection connect(ClientConfig config, Progress progress) throws JMSException {
        long t0 = System.nanoTime();
        AtomicBoolean gaveUp = new AtomicBoolean();
        AtomicReference<String> tlsMismatch = new AtomicReference<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-client-connect");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> progress.note(String.format("still connecting to %s (%.0f s)...",
                ClientTls.redacted(config.url()), (System.nanoTime() - t0) / 1e9)), 3, 5, TimeUnit.SECONDS);
        // a TLS mismatch never heals by retrying: say what it is and stop, instead of retrying until the timeout
        timer.schedule(() -> TlsProbe.diagnose(config.url(), Duration.ofSeconds(2)).ifPresent(why -> {
            tlsMismatch.set(why);
            gaveUp.set(true);
            factory.close();
        }), 1, TimeUnit.SECONDS);
        if (config.connectTimeout() != null) {
            timer.schedule(() -> {
                gaveUp.set(true);
                factory.close(); // ends a blocked createConnection, which an HA URL retries without end
            }, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            while (true) {
                try {
                    return factory.createConnection();
                } catch (JMSSecurityException e) {
                    throw new CannotConnectException("the broker at " + ClientTls.redacted(config.url())
                            + " refused the credentials: "
                            + describe(e));
                } catch (JMSException | RuntimeException e) {
                    if (tlsMismatch.get() != null) {
                        throw new CannotConnectException(tlsMismatch.get());
                    }
                    if (gaveUp.get()) {
                        throw new CannotConnectException("could not connect to " + ClientTls.redacted(config.url())
                                + " within " + config.connectTimeout().toSeconds() + " s (is the lab up? ./lab status)");
                    }
                    LockSupport.parkNanos(200_000_000L); // a URL without endless retries: back off, try again
                }
            }
        } finally {
            timer.shutdownNow();
        }
    }

    /** Puts the broker this connection now reaches on the ledger: sends and receipts can then be placed on a node. */
    private void recordBroker(Ledger ledger, String client) {
        try {
            ActiveMQConnection c = connectionForRecord;
            String remote = c == null ? null : c.getSessionFactory().getConnection().getRemoteAddress();
            if (remote != null) {
                ledger.append(LedgerEvent.connected(System.currentTimeMillis(), client,
                        remote.substring(remote.lastIndexOf('/') + 1)));
            }
        } catch (RuntimeException closedMeanwhile) {
            // no connection to name: the next failover or connection records one
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

    /**
     * Whether the watchdog gave this connection up: the client must open a new one. A consumer whose connection was
     * closed in the middle of a failover can go on returning nothing from {@code receive(timeout)} instead of
     * throwing, which left a receiver waiting on a dead connection for good.
     */
    boolean abandoned() {
        return watch.abandoned();
    }

    /** Closes it on another thread: closing a connection that is failing over can block for its call timeout. */
    void closeInBackground() {
        Thread t = new Thread(this::close, "lab-client-close");
        t.setDaemon(true);
        t.start();
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
