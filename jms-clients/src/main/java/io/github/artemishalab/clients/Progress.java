package io.github.artemishalab.clients;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long-running client: one live line on a terminal, a line every few seconds otherwise, and
 * "failing over…" while the client is reconnecting. Counters are updated from the client's and Artemis's threads.
 */
public final class Progress {

    private final String what;
    private final long total;
    private final PrintWriter out;
    private final boolean live;
    private final long startNanos = System.nanoTime();
    final AtomicLong done = new AtomicLong();
    final AtomicLong problems = new AtomicLong();
    final AtomicBoolean failingOver = new AtomicBoolean();
    private long lastPrint;
    private long lastDone;
    private long lastAt = System.nanoTime();

    /**
     * @param what  the verb ("sent", "received")
     * @param total the target count, 0 if open-ended
     * @param live  rewrite one line in place (a terminal) instead of printing lines
     */
    public Progress(String what, long total, PrintWriter out, boolean live) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.live = live;
    }

    public long done() {
        return done.get();
    }

    /** Between a failure detected and the failover completed. */
    public boolean failingOver() {
        return failingOver.get();
    }

    /** A progress that counts but never prints, for clients whose progress a drill shows in its own line. */
    public static Progress silent() {
        return new Progress("", 0, new PrintWriter(java.io.OutputStream.nullOutputStream()), false);
    }

    /** Prints if it is time to; call it often. */
    public synchronized void tick() {
        long now = System.nanoTime();
        long every = live ? 250_000_000L : 2_000_000_000L;
        if (now - lastPrint >= every) {
            print(now, false);
        }
    }

    /** Prints a line of its own (a notice such as "still connecting"), ending a live line first. */
    public synchronized void note(String line) {
        out.println((live ? "\r\033[K" : "") + line);
        out.flush();
    }

    /** Prints the final line. */
    public synchronized void finish() {
        print(System.nanoTime(), true);
    }

    private void print(long now, boolean last) {
        long d = done.get();
        double rate = (d - lastDone) / Math.max(1e-9, (now - lastAt) / 1e9);
        lastDone = d;
        lastAt = now;
        lastPrint = now;
        String count = total > 0 ? d + "/" + total : Long.toString(d);
        String line = String.format("%s %s  %5.0f msg/s  %5.1f s%s%s", what, count, last ? avgRate(d, now) : rate,
                (now - startNanos) / 1e9, problems.get() > 0 ? "  " + problems.get() + " errors" : "",
                failingOver.get() ? "  failing over..." : "");
        if (live) {
            out.print("\r" + line + "\033[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private double avgRate(long d, long now) {
        return d / Math.max(1e-9, (now - startNanos) / 1e9);
    }
}
