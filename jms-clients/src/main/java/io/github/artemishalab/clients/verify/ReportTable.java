package io.github.artemishalab.clients.verify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link ContinuityReport} as a plain-ASCII summary for a terminal. */
public final class ReportTable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    /** The stream stalled past the threshold and then went on: a slow failover, or nothing to fail over to. */
    private static final String SLOW = "SLOW: served again only after more than %s";
    /** The stream never went on, though its clients kept running: they did not fail over. */
    private static final String STUCK = "STUCK: not served again while the clients ran";

    private ReportTable() {
    }

    /** The summary with fault times in the system's time zone, outages flagged past the default threshold. */
    public static String render(ContinuityReport report) {
        return render(report, ZoneId.systemDefault());
    }

    /** The summary with fault times in {@code zone}, outages flagged past the default threshold. */
    public static String render(ContinuityReport report, ZoneId zone) {
        return render(report, zone, VerifyOptions.DEFAULT_STUCK_THRESHOLD);
    }

    /**
     * The summary with fault times in {@code zone}; lines end with {@code \n}. {@code stuckThreshold} is the one the
     * report was verified with: an outage flagged stuck is told as slow when its stream went on after it, as stuck
     * when it did not.
     */
    public static String render(ContinuityReport report, ZoneId zone, Duration stuckThreshold) {
        StringBuilder out = new StringBuilder();
        out.append("Continuity (delivery: ").append(report.delivery() == null ? "not stated" : report.delivery())
                .append(")\n");
        count(out, "sent", report.sent(), null);
        count(out, "confirmed", report.confirmed(), null);
        count(out, "unconfirmed", report.unconfirmed(),
                "unknown outcome " + report.unknownOutcome() + ", recovered " + report.recovered());
        count(out, "received", report.received(), null);
        count(out, "lost", report.lost(), seqs(report.lostSeqs(), report.lost()));
        count(out, "pending", report.pending(), report.pending() > 0 ? "receiver did not drain" : null);
        count(out, "duplicated", report.duplicated(), seqs(report.duplicatedSeqs(), report.duplicatedSeqs().size()));
        count(out, "dedup absorbed", report.redeliveriesAbsorbed(), null);
        count(out, "out of order", report.outOfOrder(), null);
        count(out, "unexpected", report.unexpected(), report.unexpected() > 0 ? "received but never sent" : null);

        out.append('\n');
        if (report.outages().isEmpty()) {
            out.append("Outages: none (no fault in the ledgers)\n");
        } else {
            out.append("Outages\n");
            out.append(String.format(Locale.ROOT, "  %-16s %-12s %10s %10s%n", "FAULT", "AT", "SEND GAP", "RECV GAP"));
            for (Outage o : report.outages()) {
                String fault = o.node() == null ? o.fault() : o.fault() + " " + o.node();
                String at = CLOCK.format(Instant.ofEpochMilli(o.at()).atZone(zone));
                String row = String.format(Locale.ROOT, "  %-16s %-12s %10s %10s", fault, at,
                        millis(o.sendGapMs()), millis(o.receiveGapMs()));
                out.append(o.stuck() ? row + "  " + flag(o, stuckThreshold) : row).append('\n');
            }
        }

        out.append('\n');
        out.append("Verdict: ").append(report.verdict().label().toUpperCase(Locale.ROOT))
                .append(" (exit ").append(report.exitCode()).append(") - ").append(report.reason()).append('\n');
        // String.format's %n would give \r\n on Windows; keep one line ending throughout
        return out.toString().replace("\r\n", "\n");
    }

    private static String flag(Outage o, Duration threshold) {
        long ms = threshold.toMillis();
        boolean wentOn = o.sendGapMs() != null && o.sendGapMs() > ms || o.receiveGapMs() != null
                && o.receiveGapMs() > ms;
        String limit = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        return wentOn ? String.format(Locale.ROOT, SLOW, limit) : STUCK;
    }

    private static void count(StringBuilder out, String label, int n, String note) {
        out.append(String.format(Locale.ROOT, "  %-15s %8d", label, n));
        if (note != null) {
            out.append("  (").append(note).append(')');
        }
        out.append('\n');
    }

    private static String seqs(List<Long> seqs, int total) {
        if (seqs.isEmpty()) {
            return null;
        }
        String listed = seqs.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "seq " + (total > seqs.size() ? listed + ", ..." : listed);
    }

    private static String millis(Long ms) {
        return ms == null ? "-" : ms + " ms";
    }
}
