package io.github.artemishalab.harness.net;

import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fault proxy's process: serves the links of {@code net/links.json} and follows {@code net/rules.json} until
 * the process is killed or its owner ends.
 *
 * <p>The files of the net directory: {@value #LINKS} (a JSON array of {@link Link}, read once),
 * {@value #STATUS} ({@link ProxyStatus}, written once listening, then about every {@value #STATUS_MILLIS} ms),
 * {@value #RULES} ({@link NetRules}, read every {@value #POLL_MILLIS} ms; missing means all links open) and
 * {@value #APPLIED} ({@link AppliedRules}, written each time a new generation is in force). Every file is written
 * atomically.
 */
public final class ProxyMain {

    public static final String LINKS = "links.json";
    public static final String STATUS = "proxy.json";
    public static final String RULES = "rules.json";
    public static final String APPLIED = "applied.json";
    static final long POLL_MILLIS = 20;
    static final long STATUS_MILLIS = 500;

    private ProxyMain() {
    }

    /** {@link #run(Path, OptionalLong, PrintWriter)} reporting to {@code System.err}. */
    public static int run(Path netDir, OptionalLong ownerPid) {
        return run(netDir, ownerPid, new PrintWriter(System.err, true));
    }

    /**
     * Starts the proxy on the links of {@code netDir/links.json}, puts the rules file in force, writes
     * {@code proxy.json}, then follows the rules file until the calling thread is interrupted or {@code ownerPid}
     * (if given) ends; then closes every connection and returns.
     *
     * @param err where an unreadable rules file or a failed status write is reported, one line each time the
     *            problem changes; the proxy keeps the rules in force and goes on
     * @return 0: the owner ended, or the thread was interrupted (its interrupt flag is set again)
     * @throws LabException if {@code links.json} or the first {@code rules.json} cannot be read, or a listen
     *                      address is busy
     */
    public static int run(Path netDir, OptionalLong ownerPid, PrintWriter err) {
        // the handle, not the pid, is polled: it knows its process's start time, so a reused pid is not the owner
        Optional<ProcessHandle> owner = ownerPid.isPresent()
                ? ProcessHandle.of(ownerPid.getAsLong())
                : Optional.empty();
        if (ownerPid.isPresent() && owner.filter(ProcessHandle::isAlive).isEmpty()) {
            return 0;
        }
        List<Link> links = List.of(read(netDir.resolve(LINKS), Link[].class));
        NetRules rules = readRules(netDir.resolve(RULES));
        ProcessRecord self = ProcessRecord.of(ProcessHandle.current());
        Reporter reporter = new Reporter(err);
        try (FaultProxy proxy = FaultProxy.start(links, line -> {
            err.println(line);
            err.flush();
        })) {
            proxy.apply(rules);
            AppliedRules unwritten = acknowledge(applied(proxy, rules), netDir, reporter);
            writeStatus(proxy, self, netDir, reporter);
            long nextStatus = System.nanoTime() + STATUS_MILLIS * 1_000_000;
            while (owner.map(ProcessHandle::isAlive).orElse(true)) {
                try {
                    // polled, not watched: the JDK's WatchService polls too on macOS, every few seconds
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                try {
                    NetRules next = readRules(netDir.resolve(RULES));
                    reporter.clear("rules");
                    if (next.generation() != rules.generation()) {
                        rules = next;
                        proxy.apply(rules);
                        unwritten = applied(proxy, rules);
                    }
                } catch (LabException e) {
                    reporter.report("rules", e.getMessage());
                }
                if (unwritten != null) {
                    // the lab waits for this file: a failed write is tried again on the next poll
                    unwritten = acknowledge(unwritten, netDir, reporter);
                }
                if (System.nanoTime() - nextStatus >= 0) {
                    writeStatus(proxy, self, netDir, reporter);
                    nextStatus = System.nanoTime() + STATUS_MILLIS * 1_000_000;
                }
            }
            return 0;
        }
    }

    private static AppliedRules applied(FaultProxy proxy, NetRules rules) {
        return new AppliedRules(rules.generation(), Instant.now().toString(), proxy.unknownLinks(rules));
    }

    /** Writes {@code applied.json}; returns what is still to write: {@code null}, or {@code applied} if it failed. */
    private static AppliedRules acknowledge(AppliedRules applied, Path netDir, Reporter reporter) {
        try {
            Json.writeAtomically(netDir.resolve(APPLIED), applied);
            reporter.clear("applied");
            return null;
        } catch (UncheckedIOException e) {
            reporter.report("applied", e.getMessage());
            return applied;
        }
    }

    private static void writeStatus(FaultProxy proxy, ProcessRecord self, Path netDir, Reporter reporter) {
        try {
            Json.writeAtomically(netDir.resolve(STATUS),
                    new ProxyStatus(self.pid(), self.startedAt(), System.currentTimeMillis(), proxy.stats()));
            reporter.clear("status");
        } catch (UncheckedIOException e) {
            reporter.report("status", e.getMessage());
        }
    }

    private static NetRules readRules(Path file) {
        if (!Files.exists(file)) {
            return NetRules.allOpen();
        }
        try {
            return Json.read(file, NetRules.class);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return NetRules.allOpen();
            }
            throw unreadable(file, e);
        }
    }

    private static LabException unreadable(Path file, IOException e) {
        // Jackson's messages end in a second line with the location: one line reads better in a log
        return new LabException(LabException.LAB_FAILED, "cannot read " + file + ": "
                + e.getMessage().replaceAll("\\s*\\R\\s*", " "), e);
    }

    private static <T> T read(Path file, Class<T> type) {
        if (!Files.exists(file)) {
            throw new LabException(LabException.USAGE, "no " + file + ": the lab writes it before it starts the proxy");
        }
        try {
            return Json.read(file, type);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Reports each problem once, not every poll, and says when it is over. */
    private static final class Reporter {

        private final PrintWriter err;
        private final Map<String, String> last = new HashMap<>();

        Reporter(PrintWriter err) {
            this.err = err;
        }

        void report(String what, String message) {
            if (!Objects.equals(last.put(what, message), message)) {
                err.println("proxy: " + message);
                err.flush();
            }
        }

        void clear(String what) {
            if (last.remove(what) != null) {
                err.println("proxy: " + what + " fine again");
                err.flush();
            }
        }
    }
}
