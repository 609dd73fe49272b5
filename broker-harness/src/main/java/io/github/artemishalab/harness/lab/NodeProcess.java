package io.github.artemishalab.harness.lab;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** What every node process of the lab (broker or ZooKeeper server) does the same way. */
public final class NodeProcess {

    private NodeProcess() {
    }

    /**
     * Halts this JVM at once when process {@code ownerPid} ends (or at once if it is gone already): a test's nodes
     * must not outlive a killed test JVM. A halt, not a clean stop: the owner is gone and nobody waits for a handover.
     */
    public static void exitWith(Long ownerPid) {
        if (ownerPid != null) {
            ProcessHandle.of(ownerPid).ifPresentOrElse(owner -> owner.onExit().thenRun(() -> Runtime.getRuntime()
                    .halt(137)), () -> Runtime.getRuntime().halt(137));
        }
    }

    /** Runs {@code write} now and every {@code periodMs} on a daemon thread: a node's status.json stays current. */
    public static ScheduledExecutorService statusEvery(long periodMs, Runnable write) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-status");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(write, 0, periodMs, TimeUnit.MILLISECONDS);
        return timer;
    }
}
