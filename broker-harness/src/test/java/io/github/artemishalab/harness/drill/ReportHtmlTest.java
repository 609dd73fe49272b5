package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.Outage;
import io.github.artemishalab.clients.verify.Verdict;
import io.github.artemishalab.harness.lab.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The drill report page, parsed with jsoup: self-contained, escaped, and drawing what the ledgers hold. */
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
                continuity, verdict, 0, null, 0, SplitBrains.NONE, null);
    }

    static String syntheticHtml() {
        return ReportHtml.render(syntheticResult("ok", "primary"), syntheticEvents("primary"), ZoneOffset.UTC);
    }

    static Document page(String html) {
        return Jsoup.parse(html);
    }

    static Document syntheticPage() {
        return page(syntheticHtml());
    }

    /** The SVG {@code text} and {@code title} elements' texts: jsoup keeps SVG's element names lower case. */
    private static List<String> texts(Document d, String selector) {
        return d.select(selector).eachText();
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
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        Document d = page(html);
        assertThat(d.select("svg#timeline")).hasSize(1);
        assertThat(d.select("script, link, iframe, img, object, embed")).isEmpty();
        assertThat(d.select("[src], [href]")).isEmpty();
        assertThat(d.select("style").outerHtml()).doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(");
        d.select("details").remove();
        assertThat(d.outerHtml()).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void headerNamesTheRun() {
        Document d = syntheticPage();
        assertThat(d.selectFirst("h1").text()).isEqualTo("artemis-ha-lab drill");
        Map<String, String> facts = new LinkedHashMap<>();
        for (Element fact : d.select("dl.facts > div")) {
            facts.put(fact.selectFirst("dt").text(), fact.selectFirst("dd").text());
        }
        assertThat(facts).containsEntry("mode", "replication").containsEntry("delivery", "at-least-once")
                .containsEntry("rate", "200 msg/s").containsEntry("failback", "on")
                .containsEntry("started", "2024-05-01 10:00:00 Z").containsEntry("duration", "10.5 s");
    }

    @ParameterizedTest
    @CsvSource({"ok, verdict-ok, OK", "violated, verdict-violated, VIOLATED", "unknown, verdict-unknown, UNKNOWN",
            "lab-failed, verdict-lab-failed, LAB FAILED"})
    void verdictBadgeHasTheVerdictsColourAndReason(String verdict, String cls, String label) {
        Document d = page(ReportHtml.render(syntheticResult(verdict, "primary"), syntheticEvents("primary"),
                ZoneOffset.UTC));
        Element badge = d.selectFirst("div.verdict");
        assertThat(badge.classNames()).containsExactlyInAnyOrder("verdict", cls);
        assertThat(badge.selectFirst(".verdict-label").text()).isEqualTo(label);
        assertThat(badge.selectFirst(".verdict-reason").text()).isEqualTo(REASON);
    }

    @Test
    void totalsShowTheContinuityCounts() {
        Map<String, Element> totals = new LinkedHashMap<>();
        for (Element t : syntheticPage().select("div.totals > div.total")) {
            totals.put(t.selectFirst(".k").text(), t);
        }
        assertThat(totals.get("sent").selectFirst(".n").text()).isEqualTo("1701");
        assertThat(totals.get("confirmed").selectFirst(".n").text()).isEqualTo("1700");
        assertThat(totals.get("lost").selectFirst(".n").text()).isEqualTo("0");
        assertThat(totals.get("unknown outcome").selectFirst(".n").text()).isEqualTo("1");
        assertThat(totals.get("unknown outcome").selectFirst(".sub").text()).isEqualTo("1 recovered");
        assertThat(totals).containsKey("redeliveries absorbed");
    }

    @Test
    void roundRowShowsEveryMeasurementAndDashesForMissingOnes() {
        Elements rows = syntheticPage().select("tr.round");
        assertThat(rows).as("one round, one row").hasSize(1);
        assertThat(rows.get(0).select("td").eachText()).containsExactly("1", "kill-active", "primary",
                "10:00:03.000", "1200", "1500", "1540", "2500", "-");
    }

    @Test
    void faultWindowRunsFromTheKillToTheRestart() {
        Document d = syntheticPage();
        Elements windows = d.select("rect.fault-window");
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).attr("data-from-ms")).isEqualTo("3000");
        assertThat(windows.get(0).attr("data-to-ms")).isEqualTo("6000");
        assertThat(texts(d, "text.fault-label")).containsExactly("kill primary");
    }

    @Test
    void aFaultNeverFollowedByARestartIsShadedToTheEnd() {
        List<LedgerEvent> events = new ArrayList<>(syntheticEvents("primary"));
        events.removeIf(e -> e instanceof LedgerEvent.Fault f && "start".equals(f.kind()));
        events.add(LedgerEvent.fault(T0 + 8000, "stop", "backup"));
        Document d = page(ReportHtml.render(syntheticResult("ok", "primary"), events, ZoneOffset.UTC));
        // the chart ends at the last event (receipt at 10.035 s) or the drill's end (10.5 s), whichever is later
        assertThat(d.select("rect.fault-window")).extracting(w -> w.attr("data-from-ms") + "-" + w.attr("data-to-ms"))
                .containsExactly("3000-10500", "8000-10500");
        assertThat(texts(d, "text.fault-label")).contains("stop backup");
    }

    @Test
    void oneBarPerNonEmptyBucketOfConfirmedSendsAndOfReceipts() {
        List<LedgerEvent> events = syntheticEvents("primary");
        Set<Long> sendBuckets = buckets(events, LedgerEvent.SEND, LedgerEvent.OK);
        Set<Long> recvBuckets = buckets(events, LedgerEvent.RECV, null);
        // the unknown send at 3.005 s would add bucket 30 if non-confirmed sends were counted
        assertThat(sendBuckets).doesNotContain(30L).hasSize(85);
        Document d = syntheticPage();
        assertThat(d.select("rect.bucket-send")).hasSize(sendBuckets.size());
        assertThat(d.select("rect.bucket-recv")).hasSize(recvBuckets.size());
        // 200 msg/s is 20 per 100 ms: a full bucket is as tall as the scale (0 to 20)
        List<String> sendTitles = texts(d, "rect.bucket-send > title");
        assertThat(sendTitles).contains("0 s: 20", "4.5 s: 20").noneMatch(t -> t.startsWith("3.1 s:"));
    }

    @Test
    void roleChangesAndClientFailoversAreMarked() {
        Document d = syntheticPage();
        // one labelled (becoming active) and one quiet (its text only on hover) state line
        assertThat(d.select("line.state-mark")).hasSize(2);
        assertThat(texts(d, "text.state-label")).containsExactly("backup active");
        assertThat(texts(d, "line.state-mark > title")).containsExactly("primary backup-in-sync");
        assertThat(texts(d, "text.restart-label")).containsExactly("start primary");
        assertThat(d.select("path.failover-mark.fo-detected")).hasSize(2);
        assertThat(d.select("path.failover-mark.fo-completed")).hasSize(2);
    }

    @Test
    void inTheQuorumModeABrokerBecomingActiveIsMarkedAsTheLockHolder() {
        DrillResult r = syntheticResult("ok", "primary");
        DrillResult zk = new DrillResult("replication-zk", r.delivery(), r.rate(), r.seed(), r.failback(),
                r.startedAt(), r.endedAt(), r.pairStartMs(), r.rounds(), r.continuity(), r.verdict(), r.exitCode(),
                null, 0, SplitBrains.NONE, null);
        Document d = page(ReportHtml.render(zk, syntheticEvents("primary"), ZoneOffset.UTC));
        assertThat(texts(d, "text.state-label")).containsExactly("backup active, holds the lock");
        assertThat(texts(d, "line.state-mark > title")).containsExactly("primary backup-in-sync");
    }

    @Test
    void aClusterOfPairsReportShowsEachMembersTrafficAndWhatEachCutDid() {
        DrillResult r = syntheticResult("ok", "primary1");
        RoundResult cut = new RoundResult(1, FaultKind.ISOLATE_ANY, "primary1", T0 + 3000, null, 3L, 20L, T0 + 6000,
                2600L, null, null, null, new MemberCut(7900L, 0L, 1, 1));
        DrillResult pairs = new DrillResult("cluster-of-shared-store-pairs", r.delivery(), r.rate(), r.seed(),
                r.failback(), r.startedAt(), r.endedAt(), r.pairStartMs(), List.of(cut), r.continuity(), r.verdict(),
                r.exitCode(), null, 0, null, null, List.of(new NodeTraffic("primary1", 96, 0, 1),
                        new NodeTraffic("primary2", 1604, 1700, 4)));
        Document d = page(ReportHtml.render(pairs, syntheticEvents("primary1"), ZoneOffset.UTC));
        assertThat(d.select("p.cut").eachText()).containsExactly("round 1, isolate-any primary1: its siblings "
                + "dropped it after 7.9 s; 1 of its 1 client(s) reached a sibling before the heal; 0 message(s) on "
                + "it at the heal (held, not lost)");
        assertThat(d.text()).contains("primary2 1604 confirmed, 1700 received, 4 clients");
        assertThat(page(syntheticHtml()).select("p.cut")).as("a pair's report has no cut lines").isEmpty();
    }

    @Test
    void continuityReportIsEmbeddedAsJson() throws Exception {
        Document d = syntheticPage();
        Element pre = d.selectFirst("details pre");
        JsonNode json = Json.MAPPER.readTree(pre.wholeText());
        assertThat(json.get("sent").asInt()).isEqualTo(1701);
        assertThat(json.get("verdict").asText()).isEqualTo("ok");
        assertThat(json.get("reason").asText()).isEqualTo(REASON);
        assertThat(d.select("section:has(svg#timeline) ~ section details")).as("the JSON comes after the chart")
                .hasSize(1);
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
                "<b>bold</b>", 0, SplitBrains.NONE, null);
        String html = ReportHtml.render(withEvil, syntheticEvents(evil), ZoneOffset.UTC);
        Document d = page(html);
        // no markup got through: the page has no such elements, and the texts read as written
        assertThat(d.select("script, img, b")).isEmpty();
        assertThat(d.select("tr.round td").eachText()).contains(evil);
        assertThat(texts(d, "text.fault-label")).containsExactly("kill " + evil);
        assertThat(texts(d, "line.state-mark > title")).containsExactly(evil + " backup-in-sync");
        assertThat(d.selectFirst(".verdict-reason").text()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(d.selectFirst("p.note").text()).isEqualTo("Drill ended early: <b>bold</b>");
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
                T0 + 100_000, r.pairStartMs(), r.rounds(), r.continuity(), r.verdict(), r.exitCode(), null, 0,
                SplitBrains.NONE, null);
        String html = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> ReportHtml.render(long100s, events, ZoneOffset.UTC));
        Document d = page(html);
        assertThat(d.select("rect.bucket-send")).hasSize(1000);
        assertThat(d.select("rect.bucket-recv")).hasSize(1001);
        assertThat(html.length()).isLessThan(400_000);
    }

    @Test
    void aDrillWithoutEventsOrContinuityStillRenders() {
        DrillResult failed = new DrillResult("shared-store", "naive", 100, 1, false, T0, T0 + 4000, 0, List.of(),
                null, "lab-failed", 4, "backup never became ready", 0, SplitBrains.NONE, null);
        Document d = page(ReportHtml.render(failed, List.of(), ZoneOffset.UTC));
        assertThat(d.selectFirst("div.verdict").hasClass("verdict-lab-failed")).isTrue();
        assertThat(d.selectFirst(".verdict-reason").text()).isEqualTo("backup never became ready");
        assertThat(d.select("p.empty").eachText()).contains("No rounds ran.");
        assertThat(d.select("svg#timeline")).hasSize(1);
        assertThat(d.select("rect.bucket-send, rect.fault-window")).isEmpty();
    }
}
