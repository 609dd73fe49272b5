package io.github.artemishalab.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a sender or receiver connects to and how it records.
 *
 * @param url      the HA connection URL (all nodes, ha=true)
 * @param user     user name, or null
 * @param password password, or null
 * @param queue    the queue's name
 * @param delivery the delivery mode
 * @param ledger   the ledger file to append to
 * @param id       this client's id (a sender's id goes into every message and its duplicate-detection id)
 * @param watchdog reopen the connection when a failover has not completed after this long (null: never). The Artemis
 *                 client can keep reconnecting to a dead node when its view of the topology lacks the backup; a new
 *                 connection on the HA URL finds the active node.
 * @param connectTimeout give up opening a connection after this long (null: never): a wrong URL must not hang in
 *                 silence
 */
public record ClientConfig(String url, String user, String password, String queue, Delivery delivery, Path ledger,
                           String id, Duration watchdog, Duration connectTimeout) {

    /** The lab's default: a failover that has not completed in 2 s is given up and the connection reopened. */
    public static final Duration DEFAULT_WATCHDOG = Duration.ofSeconds(2);
    /** Long enough for a pair to start after its clients (`./lab receive` before `./lab up`). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(120);

    public ClientConfig(String url, String user, String password, String queue, Delivery delivery, Path ledger,
                        String id, Duration watchdog) {
        this(url, user, password, queue, delivery, ledger, id, watchdog, DEFAULT_CONNECT_TIMEOUT);
    }

    public ClientConfig(String url, String user, String password, String queue, Delivery delivery, Path ledger,
                        String id) {
        this(url, user, password, queue, delivery, ledger, id, DEFAULT_WATCHDOG);
    }

    /** A client id that no earlier run used, so that duplicate-detection ids never collide across runs. */
    public static String newId(String prefix) {
        // The time alone repeats for clients started in the same millisecond (a drill's senders), and two senders
        // with one id share duplicate-detection ids: the broker would drop one's messages as the other's duplicates.
        // This JVM's counter tells its clients apart, a random part other JVMs started in the same millisecond.
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + Long.toString(ID_SEQUENCE.incrementAndGet(), 36)
                + Integer.toString(36 * 36 + ThreadLocalRandom.current().nextInt(35 * 36 * 36), 36);
    }

    private static final AtomicLong ID_SEQUENCE = new AtomicLong();
}
