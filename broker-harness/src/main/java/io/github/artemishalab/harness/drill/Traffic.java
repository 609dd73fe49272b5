package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueReceiver;
import io.github.artemishalab.clients.QueueSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A drill's sender and receiver, each on a thread of its own (not the common pool). A client that crashes is
 * reported with its reason, never taken for one that finished.
 */
final class Traffic implements AutoCloseable {

    /** How a client's run ended, as far as the drill could tell. */
    enum Ending { FINISHED, STILL_RUNNING, CRASHED }

    private final Progress sent = Progress.silent();
    private final Progress received = Progress.silent();
    private final AtomicBoolean stopSending = new AtomicBoolean();
    private final AtomicBoolean stopReceiving = new AtomicBoolean();
    private final AtomicBoolean senderDone = new AtomicBoolean();
    private final List<String> crashes = new ArrayList<>();
    private final ExecutorService pool;
    private Future<?> sender;
    private Future<?> receiver;

    Traffic() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? "drill-receiver" : "drill-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the receiver, then the sender. The receiver's idle timeout is armed only once the sender has stopped, so
     * that a quiet failover cannot end it early.
     */
    void start(ClientConfig senderConfig, ClientConfig receiverConfig, long count, double rate, Duration drainIdle) {
        receiver = pool.submit(() -> new QueueReceiver(receiverConfig, 0, drainIdle, received)
                .idleTimeoutArmedBy(senderDone::get).run(stopReceiving::get));
        sender = pool.submit(() -> {
            try {
                return new QueueSender(senderConfig, count, rate, sent).run(stopSending::get);
            } finally {
                senderDone.set(true);
            }
        });
    }

    Progress sent() {
        return sent;
    }

    Progress received() {
        return received;
    }

    boolean failingOver() {
        return sent.failingOver() || received.failingOver();
    }

    /** Tells the sender to stop and waits for it. */
    Ending stopSender(Duration timeout) {
        stopSending.set(true);
        Ending e = await("sender", sender, timeout);
        senderDone.set(true);
        return e;
    }

    /** Waits for the receiver to drain the queue (it ends once idle after the sender stopped). */
    Ending awaitDrained(Duration timeout) {
        return await("receiver", receiver, timeout);
    }

    /** "the sender crashed: ...", one per client that did. */
    synchronized List<String> crashes() {
        return List.copyOf(crashes);
    }

    private Ending await(String who, Future<?> f, Duration timeout) {
        if (f == null) {
            return Ending.FINISHED;
        }
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Ending.FINISHED;
        } catch (TimeoutException e) {
            return Ending.STILL_RUNNING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ending.STILL_RUNNING;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            synchronized (this) {
                String line = "the " + who + " crashed: " + cause;
                if (!crashes.contains(line)) {
                    crashes.add(line);
                }
            }
            return Ending.CRASHED;
        }
    }

    /** Stops both clients and waits a little for them; their threads die with the pool. */
    @Override
    public void close() {
        stopSending.set(true);
        senderDone.set(true);
        stopReceiving.set(true);
        await("sender", sender, Duration.ofSeconds(10));
        await("receiver", receiver, Duration.ofSeconds(10));
        pool.shutdownNow();
    }
}
