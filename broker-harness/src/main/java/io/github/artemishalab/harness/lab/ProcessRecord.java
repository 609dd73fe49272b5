package io.github.artemishalab.harness.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process the lab started, remembered by pid and start time so that a dead pid reused by another process is
 * never taken for the node.
 */
public record ProcessRecord(long pid, long startedAt) {

    private static final long START_TOLERANCE_MS = Duration.ofSeconds(2).toMillis();

    public static ProcessRecord of(ProcessHandle handle) {
        return new ProcessRecord(handle.pid(), handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** The live process this record names, if it still runs and is the same process. */
    public Optional<ProcessHandle> alive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            if (startedAt == 0) {
                return true;
            }
            return h.info().startInstant()
                    .map(s -> Math.abs(s.toEpochMilli() - startedAt) <= START_TOLERANCE_MS)
                    .orElse(true);
        });
    }
}
