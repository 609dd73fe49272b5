package io.github.artemishalab.clients.verify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link ContinuityReport} as a plain-ASCII summary for a terminal. */
public final class ReportTable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final String STUCK = "STUCK: client did not fail over";

    private ReportTable() {
    }

    /** The summary with fault times in the system's time zone. */
    public static String render(ContinuityReport report) {
        return render(report, ZoneId.systemDefault());
    }

    /** The summary with fault times in {@code zone}; lines end with {@code \n}. */
    public static String render(ContinuityReport report, ZoneId zone) {
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
                out.append(o.stuck() ? row + "  " + STUCK : row).append('\n');
            }
        }

        out.append('\n');
        out.append("Verdict: ").append(report.verdict().label().toUpperCase(Locale.ROOT))
                .append(" (exit ").append(report.exitCode()).append(") - ").append(report.reason()).append('\n');
        // String.format's %n would give \r\n on Windows; keep one line ending throughout
        return out.toString().replace("\r\n", "\n");
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
