package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.lab.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a drill as one self-contained HTML page (no scripts, nothing fetched): the page from the template
 * {@code report/drill-report.mustache}, which escapes every value; the timeline chart from {@link TimelineSvg}.
 */
public final class ReportHtml {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);
    private static final String CSS = resource("/report/drill-report.css");
    private static final Mustache PAGE = new DefaultMustacheFactory("report").compile("drill-report.mustache");

    /** One fact in the header. */
    record Fact(String key, String value) {
    }

    /** One figure in the totals; {@code sub} and {@code tone} (bad, warn) may be null. */
    record Total(String key, int n, String sub, String tone) {
    }

    /** One row of the rounds table, every cell already text ("-" for a missing figure). */
    record Row(int round, String fault, String node, String at, String takeover, String sendGap, String receiveGap,
               String failback, String failbackGap) {
    }

    /** What the template shows. */
    record Page(String css, String mode, String verdictClass, String verdictLabel, String reason, List<Fact> facts,
                String earlyNote, List<Total> totals, boolean hasTotals, String svg, List<Row> rounds,
                boolean hasRounds, String continuityJson, long seed, int exitCode) {
    }

    private ReportHtml() {
    }

    /** The report with clock times in the system's time zone. */
    public static String render(DrillResult result, List<LedgerEvent> events) {
        return render(result, events, ZoneId.systemDefault());
    }

    /** The report with clock times in {@code zone}; {@code events} are the run's ledgers merged, in any order. */
    public static String render(DrillResult r, List<LedgerEvent> events, ZoneId zone) {
        ContinuityReport c = r.continuity();
        List<Fact> facts = List.of(new Fact("mode", r.mode()), new Fact("delivery", r.delivery()),
                new Fact("rate", number(r.rate()) + " msg/s"), new Fact("failback", r.failback() ? "on" : "off"),
                new Fact("started", STARTED.format(Instant.ofEpochMilli(r.startedAt()).atZone(zone))),
                new Fact("duration", duration(r.endedAt() - r.startedAt())),
                new Fact("pair start", r.pairStartMs() + " ms"),
                new Fact("rounds", Integer.toString(r.rounds() == null ? 0 : r.rounds().size())));
        String reason = c != null ? c.reason() : r.note();
        String early = r.note() != null && !r.note().isBlank() && c != null ? r.note() : null;
        List<Total> totals = totals(c);
        List<Row> rows = rows(r.rounds(), zone);
        Page page = new Page(CSS, r.mode(), verdictClass(r.verdict()), verdictLabel(r.verdict()),
                reason == null ? "" : reason, facts, early, totals, !totals.isEmpty(),
                TimelineSvg.render(Timeline.of(r, events)), rows, !rows.isEmpty(), json(c), r.seed(), r.exitCode());
        StringWriter out = new StringWriter(64 * 1024);
        PAGE.execute(out, page);
        return out.toString();
    }

    private static List<Total> totals(ContinuityReport c) {
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

    private static String resource(String name) {
        try (InputStream in = ReportHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (is broker-harness built?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
