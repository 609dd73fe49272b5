package io.github.artemishalab.harness.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C for a long-running client: the first signal asks the client to stop, and the JVM waits (a few seconds at
 * most) until it has written the end of its ledger.
 */
final class ClientRun implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    ClientRun() {
        hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lab-client-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean stopRequested() {
        return stop.get();
    }

    /** Asks the client to stop, as Ctrl-C does. */
    void requestStop() {
        stop.set(true);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is waiting for exactly this countDown
        }
    }
}
