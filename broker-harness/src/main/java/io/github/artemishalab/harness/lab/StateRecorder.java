package io.github.artemishalab.harness.lab;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Puts every node state change on the fault ledger, so that role changes sit on the clients' timeline. */
public final class StateRecorder implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(100);

    private final Lab lab;
    private final Map<String, NodeState> last = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-state-recorder");
        t.setDaemon(true);
        return t;
    });

    private StateRecorder(Lab lab) {
        this.lab = lab;
    }

    /** Starts recording now; {@link #close()} takes a last look and stops. */
    public static StateRecorder start(Lab lab) {
        StateRecorder r = new StateRecorder(lab);
        r.timer.scheduleWithFixedDelay(r::look, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    private synchronized void look() {
        try {
            for (Node n : lab.nodes()) {
                if (last.put(n.name(), n.state()) != n.state()) {
                    lab.faults().state(n.name(), n.state(), System.currentTimeMillis());
                }
            }
        } catch (RuntimeException e) {
            // a status file caught mid-rename: the next look sees it
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        look();
    }
}
