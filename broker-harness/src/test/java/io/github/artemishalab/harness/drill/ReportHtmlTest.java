package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.Outage;
import io.github.artemishalab.clients.verify.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The drill report page, checked as text: self-contained, escaped, and drawing what the ledgers hold. */
class ReportHtmlTest {

    static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    static final String REASON = "no confirmed message was lost; 1 unknown-outcome send was received anyway";

    /** 10 s at 200 msg/s, primary killed at 3 s, nothing confirmed for 1.5 s, backup active at 4.2 s, restart at 6 s. */
    static List<LedgerEvent> syntheticEvents(String node) {
        List<LedgerEvent> events = new ArrayList<>();
        events.add(LedgerEvent.start(T0, "sender", "sender-1", "at-least-once", "tcp://127.0.0.1:61616"));
        events.add(LedgerEvent.start(T0, "receiver", "receiver-1", "at-least-once", "tcp://127.0.0.1:61616"));
        long seq = 0;
        for (long ms = 0; ms < 10_000; ms += 5) {
            if (ms >= 3000 && ms < 4500) {
                continue;
            }
            seq++;
            events.add(LedgerEvent.send(T0 + ms, "sender-1", seq, 1, LedgerEvent.OK, null));
            events.add(LedgerEvent.recv(T0 + ms + 40, "receiver-1", "sender-1", seq, false));
        }
        // in the gap: sends that threw or failed must not count as confirmed
        events.add(LedgerEvent.send(T0 + 3005, "sender-1", seq + 1, 1, LedgerEvent.UNKNOWN, "AMQ219016"));
        events.add(LedgerEvent.send(T0 + 3705, "sender-1", seq + 1, 2, LedgerEvent.FAIL, "AMQ219014"));
        events.add(LedgerEvent.fault(T0 + 3000, "kill", node));
        events.add(LedgerEvent.failover(T0 + 3050, "sender-1", "FAILURE_DETECTED"));
        events.add(LedgerEvent.failover(T0 + 3060, "receiver-1", "FAILURE_DETECTED"));
        events.add(LedgerEvent.state(T0 + 4200, "backup", "active"));
        events.add(LedgerEvent.failover(T0 + 4450, "sender-1", "FAILOVER_COMPLETED"));
        events.add(LedgerEvent.failover(T0 + 4460, "receiver-1", "FAILOVER_COMPLETED"));
        events.add(LedgerEvent.fault(T0 + 6000, "start", node));
        events.add(LedgerEvent.state(T0 + 7500, node, "backup-in-sync"));
        events.add(LedgerEvent.end(T0 + 10_100, "sender-1", "done"));
        events.add(LedgerEvent.end(T0 + 10_200, "receiver-1", "drained"));
        return events;
    }

    static DrillResult syntheticResult(String verdict, String node) {
        RoundResult round = new RoundResult(1, FaultKind.KILL_ACTIVE, node, T0 + 3000, 1200L, 1500L, 1540L,
                T0 + 6000, 2500L, null, null);
        ContinuityReport continuity = new ContinuityReport(1701, 1700, 1700, 0, 0, 1, 0,
                List.of(new Outage("kill", T0 + 3000, 1500L, 1540L, node, false)), Verdict.OK, "at-least-once",
                1, 1, 0, 0, 0, List.of(), List.of(), 0, REASON);
        return new DrillResult("replication", "at-least-once", 200, 42, true, T0, T0 + 10_500, 2300, List.of(round),
                continuity, verdict, 0, null, 0);
    }

    static String syntheticHtml() {
        return ReportHtml.render(syntheticResult("ok", "primary"), syntheticEvents("primary"), ZoneOffset.UTC);
    }

    private static long count(String html, String fragment) {
        return Pattern.compile(Pattern.quote(fragment)).matcher(html).results().count();
    }

    private static Set<Long> buckets(List<LedgerEvent> events, String ev, String outcome) {
        Set<Long> buckets = new TreeSet<>();
        for (LedgerEvent e : events) {
            boolean match = e.ev().equals(ev) && (outcome == null
                    || e instanceof LedgerEvent.Send send && outcome.equals(send.outcome()));
            if (match) {
                buckets.add((e.t() - T0) / 100);
            }
        }
        return buckets;
    }

    @Test
    void pageIsSelfContained() {
        String html = syntheticHtml();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg id=\"timeline\"").endsWith("</html>\n");
        assertThat(html).doesNotContainIgnoringCase("src=\"http").doesNotContainIgnoringCase("href=\"http")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(");
        String outsideJson = html.replaceAll("(?s)<details>.*</details>", "");
        assertThat(outsideJson).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void headerNamesTheRun() {
        String html = syntheticHtml();
        assertThat(html).contains("<h1>artemis-ha-lab drill</h1>")
                .contains("<dt>mode</dt><dd>replication</dd>")
                .contains("<dt>delivery</dt><dd>at-least-once</dd>")
                .contains("<dt>rate</dt><dd>200 msg/s</dd>")
                .contains("<dt>failback</dt><dd>on</dd>")
                .contains("<dt>started</dt><dd>2024-05-01 10:00:00 Z</dd>")
                .contains("<dt>duration</dt><dd>10.5 s</dd>");
    }

    @ParameterizedTest
    @CsvSource({"ok, verdict-ok, OK", "violated, verdict-violated, VIOLATED", "unknown, verdict-unknown, UNKNOWN",
            "lab-failed, verdict-lab-failed, LAB FAILED"})
    void verdictBadgeHasTheVerdictsColourAndReason(String verdict, String cls, String label) {
        String html = ReportHtml.render(syntheticResult(verdict, "primary"), syntheticEvents("primary"),
                ZoneOffset.UTC);
        assertThat(html).contains("<div class=\"verdict " + cls + "\"><span class=\"verdict-label\">" + label
                + "</span><span class=\"verdict-reason\">" + REASON + "</span></div>");
    }

    @Test
    void totalsShowTheContinuityCounts() {
        String html = syntheticHtml();
        assertThat(html).contains("<span class=\"n\">1701</span><span class=\"k\">sent</span>")
                .contains("<span class=\"n\">1700</span><span class=\"k\">confirmed</span>")
                .contains("<span class=\"n\">0</span><span class=\"k\">lost</span>")
                .contains("<span class=\"n\">1</span><span class=\"k\">unknown outcome</span>"
                        + "<span class=\"sub\">1 recovered</span>")
                .contains("<span class=\"k\">redeliveries absorbed</span>");
    }

    @Test
    void roundRowShowsEveryMeasurementAndDashesForMissingOnes() {
        Matcher row = Pattern.compile("<tr class=\"round\">(.*?)</tr>").matcher(syntheticHtml());
        assertThat(row.find()).isTrue();
        List<String> cells = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1)).results()
                .map(m -> m.group(1)).toList();
        assertThat(cells).containsExactly("1", "kill-active", "primary", "10:00:03.000", "1200", "1500", "1540",
                "2500", "-");
        assertThat(row.find()).as("one round, one row").isFalse();
    }

    @Test
    void faultWindowRunsFromTheKillToTheRestart() {
        String html = syntheticHtml();
        assertThat(count(html, "class=\"fault-window\"")).isEqualTo(1);
        assertThat(html).contains("class=\"fault-window\" data-from-ms=\"3000\" data-to-ms=\"6000\"")
                .contains(">kill primary</text>");
    }

    @Test
    void aFaultNeverFollowedByARestartIsShadedToTheEnd() {
        List<LedgerEvent> events = new ArrayList<>(syntheticEvents("primary"));
        events.removeIf(e -> e instanceof LedgerEvent.Fault f && "start".equals(f.kind()));
        events.add(LedgerEvent.fault(T0 + 8000, "stop", "backup"));
        String html = ReportHtml.render(syntheticResult("ok", "primary"), events, ZoneOffset.UTC);
        assertThat(count(html, "class=\"fault-window\"")).isEqualTo(2);
        // the chart ends at the last event (receipt at 10.035 s) or the drill's end (10.5 s), whichever is later
        assertThat(html).contains("data-from-ms=\"3000\" data-to-ms=\"10500\"")
                .contains("data-from-ms=\"8000\" data-to-ms=\"10500\"").contains(">stop backup</text>");
    }

    @Test
    void oneBarPerNonEmptyBucketOfConfirmedSendsAndOfReceipts() {
        List<LedgerEvent> events = syntheticEvents("primary");
        Set<Long> sendBuckets = buckets(events, LedgerEvent.SEND, LedgerEvent.OK);
        Set<Long> recvBuckets = buckets(events, LedgerEvent.RECV, null);
        // the unknown send at 3.005 s would add bucket 30 if non-confirmed sends were counted
        assertThat(sendBuckets).doesNotContain(30L).hasSize(85);
        String html = syntheticHtml();
        assertThat(count(html, "class=\"bucket-send\"")).isEqualTo(sendBuckets.size());
        assertThat(count(html, "class=\"bucket-recv\"")).isEqualTo(recvBuckets.size());
        // 200 msg/s is 20 per 100 ms: a full bucket is as tall as the scale (0 to 20)
        assertThat(html).contains("<title>0 s: 20</title>").contains("<title>4.5 s: 20</title>")
                .doesNotContain("<title>3.1 s:");
    }

    @Test
    void roleChangesAndClientFailoversAreMarked() {
        String html = syntheticHtml();
        assertThat(count(html, "class=\"state-mark\"")).isEqualTo(2);
        assertThat(html).contains(">backup active</text>").contains(">primary backup-in-sync</title>")
                .contains(">start primary</text>");
        assertThat(count(html, "class=\"failover-mark fo-detected\"")).isEqualTo(2);
        assertThat(count(html, "class=\"failover-mark fo-completed\"")).isEqualTo(2);
    }

    @Test
    void continuityReportIsEmbeddedAsJson() {
        String html = syntheticHtml();
        Matcher details = Pattern.compile("(?s)<details>.*?<pre>(.*?)</pre>").matcher(html);
        assertThat(details.find()).isTrue();
        assertThat(details.group(1)).contains("&quot;sent&quot; : 1701").contains("&quot;verdict&quot; : &quot;ok&quot;")
                .contains("&quot;reason&quot; : &quot;" + REASON + "&quot;");
        assertThat(html.indexOf("<details>")).isGreaterThan(html.indexOf("<svg id=\"timeline\""));
    }

    @Test
    void nodeNamesAndReasonsAreEscaped() {
        String evil = "pri<script>alert('x')</script>&co";
        DrillResult r = syntheticResult("ok", evil);
        ContinuityReport c = r.continuity();
        ContinuityReport evilReason = new ContinuityReport(c.sent(), c.confirmed(), c.received(), c.lost(),
                c.duplicated(), c.unknownOutcome(), c.outOfOrder(), c.outages(), c.verdict(), c.delivery(),
                c.unconfirmed(), c.recovered(), c.redeliveriesAbsorbed(), c.unexpected(), c.pending(), c.lostSeqs(),
                c.duplicatedSeqs(), c.stuckOutages(), "<img src=x onerror=alert(1)>");
        DrillResult withEvil = new DrillResult(r.mode(), r.delivery(), r.rate(), r.seed(), r.failback(),
                r.startedAt(), r.endedAt(), r.pairStartMs(), r.rounds(), evilReason, r.verdict(), r.exitCode(),
                "<b>bold</b>", 0);
        String html = ReportHtml.render(withEvil, syntheticEvents(evil), ZoneOffset.UTC);
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<img").doesNotContain("<b>");
        String escaped = "pri&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co";
        assertThat(html).contains("<td>" + escaped + "</td>").contains(">kill " + escaped + "</text>")
                .contains(">" + escaped + " backup-in-sync</title>")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("&lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void aHundredThousandEventsRenderQuicklyIntoAPageOfModestSize() {
        List<LedgerEvent> events = new ArrayList<>(100_010);
        // 500 msg/s for 100 s: 50,000 sends and 50,000 receipts, 1,000 buckets each
        for (int i = 0; i < 50_000; i++) {
            events.add(LedgerEvent.send(T0 + i * 2L, "sender-1", i, 1, LedgerEvent.OK, null));
            events.add(LedgerEvent.recv(T0 + i * 2L + 7, "receiver-1", "sender-1", i, false));
        }
        events.add(LedgerEvent.fault(T0 + 30_000, "kill", "primary"));
        events.add(LedgerEvent.fault(T0 + 60_000, "start", "primary"));
        DrillResult r = syntheticResult("ok", "primary");
        DrillResult long100s = new DrillResult(r.mode(), r.delivery(), 500, r.seed(), r.failback(), T0,
                T0 + 100_000, r.pairStartMs(), r.rounds(), r.continuity(), r.verdict(), r.exitCode(), null, 0);
        String html = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> ReportHtml.render(long100s, events, ZoneOffset.UTC));
        assertThat(count(html, "class=\"bucket-send\"")).isEqualTo(1000);
        assertThat(count(html, "class=\"bucket-recv\"")).isEqualTo(1001);
        assertThat(html.length()).isLessThan(400_000);
    }

    @Test
    void aDrillWithoutEventsOrContinuityStillRenders() {
        DrillResult failed = new DrillResult("shared-store", "naive", 100, 1, false, T0, T0 + 4000, 0, List.of(),
                null, "lab-failed", 4, "backup never became ready", 0);
        String html = ReportHtml.render(failed, List.of(), ZoneOffset.UTC);
        assertThat(html).contains("verdict-lab-failed").contains("backup never became ready")
                .contains("No rounds ran.").contains("<svg id=\"timeline\"")
                .doesNotContain("class=\"bucket-send\"").doesNotContain("class=\"fault-window\"");
    }
}
