package io.github.artemishalab.clients;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Consumes the lab's messages and records each receipt before acknowledging it. Naive: auto-ack. At-least-once:
 * client-ack after recording. Exactly-once: a transacted session and an idempotent application that drops (and
 * records as {@code dedup}) a message it already recorded.
 */
public final class QueueReceiver {

    /** What a run did. */
    public record Result(long received, long deduplicated, String ending) {
    }

    private final ClientConfig config;
    private final long count;
    private final Duration idleTimeout;
    private final Progress progress;
    private Map<String, Set<Long>> seen = new HashMap<>();
    private BooleanSupplier idleArmed = () -> true;

    /**
     * @param count       stop after this many distinct messages (then a short quiet period for late duplicates);
     *                    0 for no limit
     * @param idleTimeout stop after this long without a message, once at least one arrived; null for never
     */
    public QueueReceiver(ClientConfig config, long count, Duration idleTimeout, Progress progress) {
        this.config = config;
        this.count = count;
        this.idleTimeout = idleTimeout;
        this.progress = progress;
    }

    /**
     * Applies the idle timeout only once {@code armed} says so: a drill arms it when its sender has stopped, so that
     * a quiet spell during a failover does not end the receiver early.
     */
    public QueueReceiver idleTimeoutArmedBy(BooleanSupplier armed) {
        this.idleArmed = armed;
        return this;
    }

    /**
     * Remembers what it recorded in {@code shared}, with other receivers of the same application: an idempotent
     * application keeps one record of what it processed, whichever of its consumers a redelivery reaches (a cluster's
     * receivers, one per node). The map must be safe for concurrent use.
     */
    public QueueReceiver sharingSeen(Map<String, Set<Long>> shared) {
        this.seen = shared;
        return this;
    }

    /** A map for {@link #sharingSeen}: concurrent, with concurrent sets. */
    public static Map<String, Set<Long>> sharedSeen() {
        return new java.util.concurrent.ConcurrentHashMap<>();
    }

    private Set<Long> seenOf(String sender) {
        return seen.computeIfAbsent(sender, k -> java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    public Result run(BooleanSupplier stop) throws JMSException {
        // An idempotent receiver remembers what it recorded before, also across its own restarts.
        for (LedgerEvent e : Ledger.read(config.ledger())) {
            if (e instanceof LedgerEvent.Recv r) {
                seenOf(r.sender()).add(r.seq());
            }
        }
        long received = 0;
        long dedup = 0;
        String ending = "interrupted";
        Delivery delivery = config.delivery();
        int ackMode = switch (delivery) {
            case NAIVE -> Session.AUTO_ACKNOWLEDGE;
            case AT_LEAST_ONCE -> Session.CLIENT_ACKNOWLEDGE;
            case EXACTLY_ONCE -> Session.SESSION_TRANSACTED;
        };
        try (Ledger ledger = Ledger.open(config.ledger())) {
            ledger.append(LedgerEvent.start(System.currentTimeMillis(), "receiver", config.id(), delivery.id(),
                    config.url()));
            ClientConnection conn = null;
            Session session = null;
            MessageConsumer consumer = null;
            try {
                long lastMessage = System.nanoTime();
                boolean countReached = false;
                while (!stop.getAsBoolean()) {
                    if (conn != null && conn.abandoned()) {
                        conn.closeInBackground();
                        conn = null;
                        consumer = null;
                    }
                    if (consumer == null) {
                        try {
                            conn = new ClientConnection(config, ledger, progress);
                            session = conn.connection().createSession(ackMode == Session.SESSION_TRANSACTED, ackMode);
                            consumer = session.createConsumer(session.createQueue(config.queue()));
                        } catch (CannotConnectException e) {
                            throw e;
                        } catch (JMSException | RuntimeException e) {
                            if (conn != null) {
                                conn.close();
                                conn = null;
                            }
                            progress.problems.incrementAndGet();
                            LockSupport.parkNanos(200_000_000L); // back off between connection attempts
                            continue;
                        }
                    }
                    Message m;
                    try {
                        m = consumer.receive(200);
                    } catch (JMSException | RuntimeException e) {
                        progress.problems.incrementAndGet();
                        if (QueueSender.isClosed(e) || conn.abandoned()) {
                            conn.closeInBackground();
                            conn = null;
                            consumer = null;
                        }
                        continue;
                    }
                    progress.tick();
                    if (progress.failingOver()) {
                        lastMessage = System.nanoTime(); // a failover is not "idle": the queue may be full
                    }
                    if (m == null) {
                        // After the count, a short quiet period still catches late redeliveries.
                        Duration limit = countReached ? Duration.ofSeconds(1) : idleTimeout;
                        if (limit != null && received > 0 && idleArmed.getAsBoolean()
                                && System.nanoTime() - Math.max(lastMessage, armedAt()) > limit.toNanos()) {
                            ending = "drained";
                            break;
                        }
                        continue;
                    }
                    lastMessage = System.nanoTime();
                    try {
                        String sender = m.getStringProperty(QueueSender.SENDER_PROPERTY);
                        long seq = m.getLongProperty(QueueSender.SEQ_PROPERTY);
                        boolean redelivered = m.getJMSRedelivered();
                        boolean first = seenOf(sender).add(seq);
                        long now = System.currentTimeMillis();
                        if (delivery == Delivery.EXACTLY_ONCE && !first) {
                            ledger.append(LedgerEvent.dedup(now, config.id(), sender, seq, redelivered));
                            dedup++;
                        } else {
                            ledger.append(LedgerEvent.recv(now, config.id(), sender, seq, redelivered));
                            received++;
                            progress.done.incrementAndGet();
                        }
                    } catch (JMSException | RuntimeException e) {
                        progress.problems.incrementAndGet();
                    }
                    acknowledge(delivery, session, m, ledger);
                    if (!countReached && countReached(received)) {
                        countReached = true;
                    }
                }
            } finally {
                if (conn != null) {
                    conn.close();
                }
                ledger.append(LedgerEvent.end(System.currentTimeMillis(), config.id(), ending));
                progress.finish();
            }
        }
        return new Result(received, dedup, ending);
    }

    private long armedSince;

    /** When the idle timeout was armed: the receiver waits a whole idle period after that, too. */
    private long armedAt() {
        if (armedSince == 0) {
            armedSince = System.nanoTime();
        }
        return armedSince;
    }

    private boolean countReached(long received) {
        return count > 0 && received >= count;
    }

    private void acknowledge(Delivery delivery, Session session, Message m, Ledger ledger) {
        try {
            switch (delivery) {
                case NAIVE -> {
                    // auto-ack: acknowledged when receive() returned, before we recorded it
                }
                case AT_LEAST_ONCE -> m.acknowledge();
                case EXACTLY_ONCE -> {
                    session.commit();
                    ledger.append(LedgerEvent.commit(System.currentTimeMillis(), config.id(), LedgerEvent.OK, null));
                }
            }
        } catch (TransactionRolledBackException e) {
            // AMQ219031 and friends: rolled back on failover, "however commit may have been successful"
            progress.problems.incrementAndGet();
            if (delivery == Delivery.EXACTLY_ONCE) {
                ledger.append(LedgerEvent.commit(System.currentTimeMillis(), config.id(), LedgerEvent.UNKNOWN,
                        ClientConnection.describe(e)));
            }
        } catch (JMSException | RuntimeException e) {
            progress.problems.incrementAndGet();
            if (delivery == Delivery.EXACTLY_ONCE) {
                ledger.append(LedgerEvent.commit(System.currentTimeMillis(), config.id(), LedgerEvent.UNKNOWN,
                        ClientConnection.describe(e)));
            }
        }
    }


}
