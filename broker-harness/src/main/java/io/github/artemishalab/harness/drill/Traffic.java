package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueReceiver;
import io.github.artemishalab.clients.QueueSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A drill's senders and receivers (one of each for a pair; one per node for a cluster), each on a thread of its own
 * (not the common pool). A client that crashes is reported with its reason, never taken for one that finished. The
 * receivers are one idempotent application: a message one of them processed is a duplicate for all of them.
 */
final class Traffic implements AutoCloseable {

    /** How a client's run ended, as far as the drill could tell. */
    enum Ending { FINISHED, STILL_RUNNING, CRASHED }

    private final List<Progress> sent = new ArrayList<>();
    private final List<Progress> received = new ArrayList<>();
    private final AtomicBoolean stopSending = new AtomicBoolean();
    private final AtomicBoolean stopReceiving = new AtomicBoolean();
    private final AtomicInteger sendersRunning = new AtomicInteger();
    private final List<String> crashes = new ArrayList<>();
    private final Map<String, Set<Long>> seen = QueueReceiver.sharedSeen();
    private ExecutorService pool;
    private final List<Future<?>> senders = new ArrayList<>();
    private final List<Future<?>> receivers = new ArrayList<>();

    /**
     * Starts the receivers, then the senders, {@code count} messages each. A receiver's idle timeout is armed only
     * once every sender has stopped, so that a quiet failover cannot end it early.
     */
    void start(List<ClientConfig> senderConfigs, List<ClientConfig> receiverConfigs, long count, double rate,
               Duration drainIdle) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(senderConfigs.size() + receiverConfigs.size(), r -> {
            Thread t = new Thread(r, "drill-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        sendersRunning.set(senderConfigs.size());
        for (ClientConfig c : receiverConfigs) {
            Progress p = Progress.silent();
            received.add(p);
            receivers.add(pool.submit(() -> new QueueReceiver(c, 0, drainIdle, p).sharingSeen(seen)
                    .idleTimeoutArmedBy(() -> sendersRunning.get() <= 0).run(stopReceiving::get)));
        }
        for (ClientConfig c : senderConfigs) {
            Progress p = Progress.silent();
            sent.add(p);
            senders.add(pool.submit(() -> {
                try {
                    return new QueueSender(c, count, rate, p).run(stopSending::get);
                } finally {
                    sendersRunning.decrementAndGet();
                }
            }));
        }
    }

    long sentCount() {
        return sent.stream().mapToLong(Progress::done).sum();
    }

    long receivedCount() {
        return received.stream().mapToLong(Progress::done).sum();
    }

    boolean failingOver() {
        return sent.stream().anyMatch(Progress::failingOver) || received.stream().anyMatch(Progress::failingOver);
    }

    /** Tells the senders to stop and waits for them. */
    Ending stopSender(Duration timeout) {
        stopSending.set(true);
        Ending e = awaitAll("sender", senders, timeout);
        sendersRunning.set(0);
        return e;
    }

    /** Waits for the receivers to drain the queue (each ends once idle after the senders stopped). */
    Ending awaitDrained(Duration timeout) {
        return awaitAll("receiver", receivers, timeout);
    }

    /** "the sender crashed: ...", one per client that did. */
    synchronized List<String> crashes() {
        return List.copyOf(crashes);
    }

    private Ending awaitAll(String who, List<Future<?>> clients, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Ending worst = Ending.FINISHED;
        for (Future<?> f : clients) {
            Ending e = await(who, f, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (e.ordinal() > worst.ordinal()) {
                worst = e;
            }
        }
        return worst;
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

    /** Stops every client and waits a little for them; their threads die with the pool. */
    @Override
    public void close() {
        stopSending.set(true);
        sendersRunning.set(0);
        stopReceiving.set(true);
        awaitAll("sender", senders, Duration.ofSeconds(10));
        awaitAll("receiver", receivers, Duration.ofSeconds(10));
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
