package io.github.artemishalab.clients;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends sequence-numbered persistent messages at a steady rate and records every attempt's outcome. A send that
 * throws during failover is recorded as {@code unknown} (it may or may not be stored); naive delivery moves on,
 * the other modes send the same sequence number again until the broker confirms it.
 */
public final class QueueSender {

    /** The message properties every message carries. */
    public static final String SENDER_PROPERTY = "labSender";
    public static final String SEQ_PROPERTY = "labSeq";
    /** Artemis's duplicate-detection header: the broker drops a second message with the same value. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** What a run did. */
    public record Result(long sent, long confirmed, long unknown, boolean interrupted) {
    }

    private final ClientConfig config;
    private final long count;
    private final double rate;
    private final Progress progress;

    /**
     * @param count how many sequence numbers to send, from 1
     * @param rate  messages per second; 0 for as fast as the broker confirms
     */
    public QueueSender(ClientConfig config, long count, double rate, Progress progress) {
        this.config = config;
        this.count = count;
        this.rate = rate;
        this.progress = progress;
    }

    /** Runs until {@code count} messages are sent or {@code stop} says so. */
    public Result run(BooleanSupplier stop) throws JMSException {
        long confirmed = 0;
        long unknown = 0;
        long sent = 0;
        boolean retries = config.delivery() != Delivery.NAIVE;
        try (Ledger ledger = Ledger.open(config.ledger())) {
            ledger.append(LedgerEvent.start(System.currentTimeMillis(), "sender", config.id(), config.delivery().id(),
                    config.url()));
            Channel channel = null;
            try {
                long periodNanos = rate > 0 ? (long) (1e9 / rate) : 0;
                long next = System.nanoTime();
                for (long seq = 1; seq <= count && !stop.getAsBoolean(); seq++) {
                    if (periodNanos > 0) {
                        // Keep the rate steady: after a stall (a failover), carry on at the rate, do not burst to catch up.
                        next = Math.max(next + periodNanos, System.nanoTime() - periodNanos);
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait); // pacing to the requested rate, not waiting for a condition
                        }
                    }
                    sent++;
                    boolean ok = false;
                    int attempt = 1;
                    while (!ok && !stop.getAsBoolean()) {
                        if (channel == null) {
                            channel = open(ledger);
                            if (channel == null) {
                                continue; // not connected yet, so nothing was sent: try again, same attempt
                            }
                        }
                        try {
                            TextMessage m = channel.session.createTextMessage("message " + seq + " from " + config.id());
                            m.setStringProperty(SENDER_PROPERTY, config.id());
                            m.setLongProperty(SEQ_PROPERTY, seq);
                            if (config.delivery() == Delivery.EXACTLY_ONCE) {
                                m.setStringProperty(DUPLICATE_ID, config.id() + ":" + seq);
                            }
                            channel.producer.send(m);
                            ledger.append(LedgerEvent.send(System.currentTimeMillis(), config.id(), seq, attempt,
                                    LedgerEvent.OK, null));
                            ok = true;
                            confirmed++;
                            progress.done.incrementAndGet();
                        } catch (JMSException | RuntimeException e) {
                            // Thrown during failover: the broker may have stored the message before the connection went.
                            ledger.append(LedgerEvent.send(System.currentTimeMillis(), config.id(), seq, attempt,
                                    LedgerEvent.UNKNOWN, ClientConnection.describe(e)));
                            progress.problems.incrementAndGet();
                            attempt++;
                            if (isClosed(e) || channel.connection.abandoned()) {
                                channel.close();
                                channel = null;
                            }
                            if (!retries) {
                                unknown++;
                                break;
                            }
                        }
                    }
                    progress.tick();
                }
            } finally {
                if (channel != null) {
                    channel.close();
                }
                boolean interrupted = stop.getAsBoolean();
                ledger.append(LedgerEvent.end(System.currentTimeMillis(), config.id(), interrupted ? "interrupted" : "done"));
                progress.finish();
            }
            return new Result(sent, confirmed, unknown, stop.getAsBoolean());
        }
    }

    /** A connection, session and producer, opened together and dropped together when the connection is gone. */
    private static final class Channel {
        final ClientConnection connection;
        final Session session;
        final MessageProducer producer;

        Channel(ClientConnection connection, Session session, MessageProducer producer) {
            this.connection = connection;
            this.session = session;
            this.producer = producer;
        }

        void close() {
            if (connection.abandoned()) {
                connection.closeInBackground();
            } else {
                connection.close();
            }
        }
    }

    /** Opens a channel; on failure backs off briefly and returns null (the caller loops). */
    private Channel open(Ledger ledger) throws CannotConnectException {
        ClientConnection conn = null;
        try {
            conn = new ClientConnection(config, ledger, progress);
            Session session = conn.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(config.queue()));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            return new Channel(conn, session, producer);
        } catch (CannotConnectException e) {
            throw e;
        } catch (JMSException | RuntimeException e) {
            if (conn != null) {
                conn.close();
            }
            progress.problems.incrementAndGet();
            LockSupport.parkNanos(200_000_000L); // back off between connection attempts
            return null;
        }
    }

    static boolean isClosed(Throwable e) {
        return e instanceof jakarta.jms.IllegalStateException
                || (e.getMessage() != null && e.getMessage().contains("AMQ219019"));
    }
}
