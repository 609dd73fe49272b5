package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.topology.Mode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the drill report shows, every figure already text: header facts, verdict, totals, rounds, the continuity
 * JSON, and the chart's {@link Timeline}. {@link ReportHtml} renders it; the template reads these names.
 *
 * @param mode           the lab mode
 * @param verdictClass   the verdict as a CSS class suffix (ok, violated, unknown, lab-failed)
 * @param verdictLabel   the verdict as the badge shows it ("LAB FAILED")
 * @param reason         why that verdict ("" when none)
 * @param facts          the header's facts, in order
 * @param earlyNote      why the drill ended early, when it did and was still verified (else null)
 * @param totals         the continuity totals, empty when the ledgers were not verified
 * @param rounds         one row a round
 * @param cuts           one sentence per round that cut a cluster's member: what the cut did (empty when none)
 * @param continuityJson the continuity report as JSON ("null" when none)
 * @param seed           the drill's random seed
 * @param exitCode       the drill's exit code
 * @param timeline       the chart's data
 */
public record ReportPage(String mode, String verdictClass, String verdictLabel, String reason, List<Fact> facts,
                         String earlyNote, List<Total> totals, List<Row> rounds, List<String> cuts,
                         String continuityJson, long seed, int exitCode, Timeline timeline) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    /** One fact in the header. */
    public record Fact(String key, String value) {
    }

    /** One figure in the totals; {@code sub} and {@code tone} (bad, warn) may be null. */
    public record Total(String key, int n, String sub, String tone) {
    }

    /** One row of the rounds table, every cell already text ("-" for a missing figure). */
    public record Row(int round, String fault, String node, String at, String takeover, String sendGap,
                      String receiveGap, String failback, String failbackGap) {
    }

    /** The page of drill {@code r}, with clock times in {@code zone}; {@code events} are its ledgers, any order. */
    public static ReportPage of(DrillResult r, List<LedgerEvent> events, ZoneId zone) {
        ContinuityReport c = r.continuity();
        List<Fact> facts = new ArrayList<>(List.of(new Fact("mode", r.mode()), new Fact("delivery", r.delivery()),
                new Fact("rate", number(r.rate()) + " msg/s"), new Fact("failback", r.failback() ? "on" : "off"),
                new Fact("started", STARTED.format(Instant.ofEpochMilli(r.startedAt()).atZone(zone))),
                new Fact("duration", duration(r.endedAt() - r.startedAt())),
                new Fact("pair start", r.pairStartMs() + " ms"),
                new Fact("rounds", Integer.toString(r.rounds() == null ? 0 : r.rounds().size()))));
        if (Mode.parse(r.mode()).cluster()) {
            // where the traffic went: each member's share, from the clients' own records of where they were connected
            r.perNode().forEach(n -> facts.add(new Fact(n.node(), n.confirmed() + " confirmed, " + n.received()
                    + " received, " + n.clients() + " clients")));
        }
        String reason = c != null ? c.reason() : r.note();
        String early = r.note() != null && !r.note().isBlank() && c != null ? r.note() : null;
        return new ReportPage(r.mode(), verdictClass(r.verdict()), verdictLabel(r.verdict()),
                reason == null ? "" : reason, facts, early, totals(c, r.splitBrains()), rows(r.rounds(), zone),
                MemberCut.lines(r.rounds()), json(c), r.seed(), r.exitCode(), Timeline.of(r, events));
    }

    /** Whether there are totals to show (the template's section test). */
    public boolean hasTotals() {
        return !totals.isEmpty();
    }

    /** Whether any round ran (the template's section test). */
    public boolean hasRounds() {
        return !rounds.isEmpty();
    }

    private static List<Total> totals(ContinuityReport c, SplitBrains splitBrains) {
        if (c == null) {
            return List.of();
        }
        List<Total> t = new ArrayList<>(List.of(new Total("sent", c.sent(), null, null),
                new Total("confirmed", c.confirmed(), null, null), new Total("received", c.received(), null, null),
                new Total("lost", c.lost(), null, c.lost() > 0 ? "bad" : null),
                new Total("duplicated", c.duplicated(), null, c.duplicated() > 0 ? "warn" : null),
                new Total("unknown outcome", c.unknownOutcome(), c.recovered() + " recovered", null),
                new Total("out of order", c.outOfOrder(), null, c.outOfOrder() > 0 ? "warn" : null),
                new Total("redeliveries absorbed", c.redeliveriesAbsorbed(), null, null)));
        if (c.pending() > 0) {
            t.add(new Total("pending", c.pending(), "not drained", "warn"));
        }
        if (c.unexpected() > 0) {
            t.add(new Total("unexpected", c.unexpected(), "never sent", "bad"));
        }
        if (splitBrains != null && !splitBrains.windows().isEmpty()) {
            t.add(new Total("lost in split brain", splitBrains.lostConfirmedDuring(), splitBrains.windows().size()
                    + " split brain(s), " + duration(splitBrains.totalMs()) + " with two active nodes", "bad"));
        }
        return t;
    }

    private static List<Row> rows(List<RoundResult> rounds, ZoneId zone) {
        if (rounds == null) {
            return List.of();
        }
        return rounds.stream().map(r -> new Row(r.round(), r.fault() == null ? "-" : r.fault().id(),
                r.node() == null ? "-" : r.node(), CLOCK.format(Instant.ofEpochMilli(r.at()).atZone(zone)),
                ms(r.takeoverMs()), ms(r.sendGapMs()), ms(r.receiveGapMs()), ms(r.failbackMs()),
                ms(clientGap(r.failbackSendGapMs(), r.failbackReceiveGapMs())))).toList();
    }

    /** The client-visible failback gap is the worse of the send and receive gaps. */
    private static Long clientGap(Long send, Long recv) {
        if (send == null) {
            return recv;
        }
        return recv == null ? send : Math.max(send, recv);
    }

    private static String ms(Long v) {
        return v == null ? "-" : v.toString();
    }

    private static String json(ContinuityReport continuity) {
        try {
            return Json.MAPPER.writeValueAsString(continuity);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the continuity report as JSON", e);
        }
    }

    private static String verdictClass(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "ok", "violated", "unknown", "lab-failed" -> verdict;
            default -> "lab-failed";
        };
    }

    private static String verdictLabel(String verdict) {
        return verdict == null ? "NO VERDICT" : verdict.replace('-', ' ').toUpperCase(Locale.ROOT);
    }

    static String duration(long ms) {
        if (ms < 0) {
            return "-";
        }
        if (ms < 60_000) {
            return number(ms / 1000.0) + " s";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A number with at most one decimal, without String.format: the chart writes thousands of them. */
    static String number(double v) {
        long tenths = Math.round(v * 10);
        long whole = Math.abs(tenths) / 10;
        long frac = Math.abs(tenths) % 10;
        String sign = tenths < 0 ? "-" : "";
        return frac == 0 ? sign + whole : sign + whole + "." + frac;
    }
}
