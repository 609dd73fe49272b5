package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.ledger.LedgerEvent.FAIL;
import static io.github.artemishalab.clients.ledger.LedgerEvent.OK;
import static io.github.artemishalab.clients.ledger.LedgerEvent.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuityVerifierTest {

    private static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
    private static final String SENDER = "sender-1";
    private static final String RECEIVER = "receiver-1";

    @TempDir
    Path dir;

    // ---- helpers: every test writes real ledger files and reads them back through the verifier ----

    private int runs;

    private Path write(String name, List<LedgerEvent> events) {
        Path file = dir.resolve("run" + runs).resolve(name);
        try (Ledger ledger = Ledger.open(file)) {
            events.forEach(ledger::append);
        }
        return file;
    }

    private static List<LedgerEvent> senderLedger(String delivery, long... okSeqs) {
        List<LedgerEvent> events = new ArrayList<>();
        events.add(LedgerEvent.start(T0, "sender", SENDER, delivery, "tcp://a"));
        for (long seq : okSeqs) {
            events.add(LedgerEvent.send(T0 + seq * 10, SENDER, seq, 1, OK, null));
        }
        events.add(LedgerEvent.end(T0 + 10_000, SENDER, "done"));
        return events;
    }

    /** A receiver that got {@code seqs} in this order, 10 ms apart, and then ended as {@code endKind}. */
    private static List<LedgerEvent> receiverLedger(String endKind, long... seqs) {
        List<LedgerEvent> events = new ArrayList<>();
        events.add(LedgerEvent.start(T0, "receiver", RECEIVER, null, "tcp://a"));
        long t = T0 + 5;
        for (long seq : seqs) {
            events.add(LedgerEvent.recv(t, RECEIVER, SENDER, seq, false));
            t += 10;
        }
        if (endKind != null) {
            events.add(LedgerEvent.end(T0 + 11_000, RECEIVER, endKind));
        }
        return events;
    }

    private ContinuityReport verify(VerifyOptions options, List<LedgerEvent> sender, List<LedgerEvent> receiver) {
        return ContinuityVerifier.verify(List.of(write("sender.jsonl", sender), write("receiver.jsonl", receiver)),
                options);
    }

    // ---- continuity ----

    @Test
    void cleanRunIsOk() {
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("at-least-once", 1, 2, 3, 4, 5),
                receiverLedger("drained", 1, 2, 3, 4, 5));

        assertThat(r.sent()).isEqualTo(5);
        assertThat(r.confirmed()).isEqualTo(5);
        assertThat(r.received()).isEqualTo(5);
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(r.unknownOutcome()).isZero();
        assertThat(r.outOfOrder()).isZero();
        assertThat(r.pending()).isZero();
        assertThat(r.outages()).isEmpty();
        assertThat(r.delivery()).isEqualTo("at-least-once");
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.exitCode()).isZero();
        assertThat(r.reason()).isEqualTo("all 5 confirmed messages were received");
    }

    @Test
    void gapIsLossAndViolates() {
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("at-least-once", 1, 2, 3, 4, 5, 6),
                receiverLedger("drained", 1, 2, 4, 6));

        assertThat(r.confirmed()).isEqualTo(6);
        assertThat(r.received()).isEqualTo(4);
        assertThat(r.lost()).isEqualTo(2);
        assertThat(r.lostSeqs()).containsExactly(3L, 5L);
        assertThat(r.pending()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.reason()).isEqualTo("2 confirmed messages were never received");
    }

    @Test
    void lostSeqsListsAtMostFifty() {
        long[] sent = new long[80];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = i + 1;
        }
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("naive", sent), receiverLedger("drained"));

        assertThat(r.lost()).isEqualTo(80);
        assertThat(r.lostSeqs()).hasSize(50).startsWith(1L, 2L).endsWith(50L);
    }

    @Test
    void duplicateUnderAtLeastOnceIsReportedButOk() {
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("at-least-once", 1, 2, 3),
                receiverLedger("drained", 1, 2, 2, 3));

        assertThat(r.received()).isEqualTo(3);
        assertThat(r.duplicated()).isEqualTo(1);
        assertThat(r.duplicatedSeqs()).containsExactly(2L);
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.exitCode()).isZero();
        assertThat(r.reason())
                .isEqualTo("all 3 confirmed messages were received (1 duplicate receipt, allowed under at-least-once)");
    }

    @Test
    void duplicateUnderExactlyOnceViolates() {
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("exactly-once", 1, 2, 3),
                receiverLedger("drained", 1, 2, 2, 2, 3));

        assertThat(r.delivery()).isEqualTo("exactly-once");
        assertThat(r.duplicated()).isEqualTo(2);
        assertThat(r.duplicatedSeqs()).containsExactly(2L);
        assertThat(r.lost()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.reason()).isEqualTo("1 message reached the application more than once under exactly-once");
    }

    @Test
    void deliveryOptionOverridesTheLedger() {
        ContinuityReport r = verify(new VerifyOptions("exactly-once", null), senderLedger("at-least-once", 1, 2),
                receiverLedger("drained", 1, 1, 2));

        assertThat(r.delivery()).isEqualTo("exactly-once");
        assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void dedupIsAbsorbedNotDuplicated() {
        List<LedgerEvent> receiver = receiverLedger(null, 1, 2, 3);
        receiver.add(LedgerEvent.dedup(T0 + 100, RECEIVER, SENDER, 2, true));
        receiver.add(LedgerEvent.end(T0 + 11_000, RECEIVER, "drained"));

        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("exactly-once", 1, 2, 3), receiver);

        assertThat(r.received()).isEqualTo(3);
        assertThat(r.redeliveriesAbsorbed()).isEqualTo(1);
        assertThat(r.duplicated()).isZero();
        assertThat(r.duplicatedSeqs()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void dedupAloneIsNotAReceipt() {
        List<LedgerEvent> receiver = receiverLedger(null, 1);
        receiver.add(LedgerEvent.dedup(T0 + 100, RECEIVER, SENDER, 2, true));
        receiver.add(LedgerEvent.end(T0 + 11_000, RECEIVER, "drained"));

        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("exactly-once", 1, 2), receiver);

        assertThat(r.received()).isEqualTo(1);
        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.lostSeqs()).containsExactly(2L);
    }

    @Test
    void reorderCountsFirstTimeReceiptsBelowTheHighestSeen() {
        // 3 and 2 arrive after 4; the redelivered 1 at the end is a duplicate, not a reorder
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("at-least-once", 1, 2, 3, 4, 5),
                receiverLedger("drained", 1, 4, 3, 2, 5, 1));

        assertThat(r.outOfOrder()).isEqualTo(2);
        assertThat(r.duplicated()).isEqualTo(1);
        assertThat(r.lost()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void reorderIsPerSenderAndTiesKeepFileOrder() {
        List<LedgerEvent> senders = new ArrayList<>(senderLedger("at-least-once", 1, 2));
        senders.add(LedgerEvent.send(T0 + 50, "sender-2", 1, 1, OK, null));
        long t = T0 + 500;
        // all at the same millisecond: only the file order says 2 came before 1
        List<LedgerEvent> receiver = List.of(
                LedgerEvent.recv(t, RECEIVER, SENDER, 2, false),
                LedgerEvent.recv(t, RECEIVER, "sender-2", 1, false),
                LedgerEvent.recv(t, RECEIVER, SENDER, 1, false),
                LedgerEvent.end(t + 1, RECEIVER, "drained"));

        ContinuityReport r = verify(VerifyOptions.defaults(), senders, receiver);

        assertThat(r.sent()).isEqualTo(3);
        assertThat(r.received()).isEqualTo(3);
        assertThat(r.outOfOrder()).isEqualTo(1);
    }

    @Test
    void unknownOutcomeReceivedIsRecoveredAndMissingOneIsNotLost() {
        List<LedgerEvent> sender = senderLedger("at-least-once", 1, 2, 5);
        sender.add(LedgerEvent.send(T0 + 30, SENDER, 3, 1, UNKNOWN, "AMQ219014"));
        sender.add(LedgerEvent.send(T0 + 40, SENDER, 4, 1, UNKNOWN, "AMQ219014"));
        sender.add(LedgerEvent.send(T0 + 41, SENDER, 4, 2, FAIL, "AMQ219010"));
        // unknown then ok on retry: confirmed, so not an unknown outcome
        sender.add(LedgerEvent.send(T0 + 60, SENDER, 6, 1, UNKNOWN, "AMQ219014"));
        sender.add(LedgerEvent.send(T0 + 61, SENDER, 6, 2, OK, null));
        sender.add(LedgerEvent.send(T0 + 70, SENDER, 7, 1, FAIL, "AMQ219010"));

        ContinuityReport r = verify(VerifyOptions.defaults(), sender, receiverLedger("drained", 1, 2, 3, 5, 6));

        assertThat(r.sent()).isEqualTo(7);
        assertThat(r.confirmed()).isEqualTo(4);
        assertThat(r.unconfirmed()).isEqualTo(3);
        assertThat(r.unknownOutcome()).isEqualTo(2);
        assertThat(r.recovered()).isEqualTo(1);
        assertThat(r.received()).isEqualTo(5);
        assertThat(r.lost()).isZero();
        assertThat(r.unexpected()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void receiptOfANeverSentMessageIsUnexpectedNotLoss() {
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("at-least-once", 1, 2),
                receiverLedger("drained", 1, 2, 99));

        assertThat(r.unexpected()).isEqualTo(1);
        assertThat(r.received()).isEqualTo(3);
        assertThat(r.lost()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void truncatedLastLineIsSkippedAndTheRestRead() throws Exception {
        Path sender = write("sender.jsonl", senderLedger("at-least-once", 1, 2, 3));
        Path receiver = write("receiver.jsonl", receiverLedger("drained", 1, 2, 3));
        // a receiver killed mid-write: the last line stops halfway through its JSON
        Files.writeString(receiver, "{\"t\":" + (T0 + 12_000) + ",\"ev\":\"recv\",\"client\":\"receiver-1\",\"sen",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ContinuityReport r = ContinuityVerifier.verify(List.of(sender, receiver), VerifyOptions.defaults());

        assertThat(Files.readAllLines(receiver)).hasSize(6);
        assertThat(r.received()).isEqualTo(3);
        assertThat(r.duplicated()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void missingLedgerFileIsEmpty() {
        Path sender = write("sender.jsonl", senderLedger("at-least-once", 1, 2));

        ContinuityReport r = ContinuityVerifier.verify(List.of(sender, dir.resolve("absent.jsonl")),
                VerifyOptions.defaults());

        assertThat(r.sent()).isEqualTo(2);
        assertThat(r.received()).isZero();
        // no receiver ledger at all: nobody drained, so the two are pending, not lost
        assertThat(r.pending()).isEqualTo(2);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void receiverWithoutDrainedEndLeavesMissingMessagesPending() {
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("at-least-once", 1, 2, 3, 4, 5),
                receiverLedger("interrupted", 1, 2, 3));

        assertThat(r.lost()).isZero();
        assertThat(r.lostSeqs()).isEmpty();
        assertThat(r.pending()).isEqualTo(2);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.reason())
                .isEqualTo("the receiver stopped before draining; 2 confirmed messages are unaccounted for");
    }

    @Test
    void senderEndingDoneDoesNotCountAsDrained() {
        // only the sender wrote an end event; "done" from it says nothing about the queue
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("at-least-once", 1, 2),
                receiverLedger(null, 1));

        assertThat(r.pending()).isEqualTo(1);
        assertThat(r.lost()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    // ---- outages ----

    /**
     * Sends every 100 ms from T0 to T0 + 30 s except in the silent send windows [from, to); each receipt follows its
     * send by 20 ms, or, if that falls in a silent receive window, arrives when the window ends.
     */
    private static List<List<LedgerEvent>> stream(long[][] silentSend, long[][] silentRecv) {
        List<LedgerEvent> sender = new ArrayList<>();
        List<LedgerEvent> receiver = new ArrayList<>();
        sender.add(LedgerEvent.start(T0, "sender", SENDER, "at-least-once", "tcp://a"));
        receiver.add(LedgerEvent.start(T0, "receiver", RECEIVER, null, "tcp://a"));
        long seq = 0;
        for (long t = T0; t < T0 + 30_000; t += 100) {
            if (!inside(t - T0, silentSend)) {
                seq++;
                sender.add(LedgerEvent.send(t, SENDER, seq, 1, OK, null));
                receiver.add(LedgerEvent.recv(T0 + deliveredAt(t + 20 - T0, silentRecv), RECEIVER, SENDER, seq,
                        false));
            }
        }
        sender.add(LedgerEvent.end(T0 + 30_000, SENDER, "done"));
        receiver.add(LedgerEvent.end(T0 + 31_000, RECEIVER, "drained"));
        return List.of(sender, receiver);
    }

    private static long deliveredAt(long offset, long[][] windows) {
        for (long[] w : windows) {
            if (offset >= w[0] && offset < w[1]) {
                return w[1];
            }
        }
        return offset;
    }

    private static boolean inside(long offset, long[][] windows) {
        for (long[] w : windows) {
            if (offset >= w[0] && offset < w[1]) {
                return true;
            }
        }
        return false;
    }

    private ContinuityReport verifyWithFaults(VerifyOptions options, List<List<LedgerEvent>> stream,
                                              LedgerEvent... faults) {
        Path sender = write("sender.jsonl", stream.get(0));
        Path receiver = write("receiver.jsonl", stream.get(1));
        Path lab = write("faults.jsonl", List.of(faults));
        runs++;
        return ContinuityVerifier.verify(List.of(lab, sender, receiver), options);
    }

    @Test
    void outageGapsAreMeasuredFromTheFault() {
        // fault at +10.05 s; sends resume at +10.8 s, receipts are held back until +11.3 s
        List<List<LedgerEvent>> stream = stream(new long[][] {{10_050, 10_800}}, new long[][] {{10_050, 11_300}});
        List<LedgerEvent> sender = new ArrayList<>(stream.get(0));
        // a failed and an unknown send inside the outage do not end the send gap
        sender.add(LedgerEvent.send(T0 + 10_200, SENDER, 9_999, 1, FAIL, "AMQ219010"));
        sender.add(LedgerEvent.send(T0 + 10_300, SENDER, 9_998, 1, UNKNOWN, "AMQ219014"));

        ContinuityReport r = verifyWithFaults(VerifyOptions.defaults(), List.of(sender, stream.get(1)),
                LedgerEvent.fault(T0 + 10_050, "kill", "node1"),
                LedgerEvent.state(T0 + 10_600, "node2", "ACTIVE"));

        assertThat(r.outages()).containsExactly(new Outage("kill", T0 + 10_050, 750L, 1_250L, "node1", false));
        assertThat(r.stuckOutages()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void outageLongerThanTheThresholdIsStuck() {
        List<List<LedgerEvent>> stream = stream(new long[][] {{5_050, 5_400}, {20_050, 26_500}}, new long[][] {});

        ContinuityReport r = verifyWithFaults(VerifyOptions.defaults(), stream,
                LedgerEvent.fault(T0 + 20_050, "kill", "node2"),
                LedgerEvent.fault(T0 + 5_050, "kill", "node1"));

        // listed in time order, whatever order the lab wrote them in
        assertThat(r.outages()).containsExactly(
                new Outage("kill", T0 + 5_050, 350L, 370L, "node1", false),
                new Outage("kill", T0 + 20_050, 6_450L, 6_470L, "node2", true));
        assertThat(r.stuckOutages()).isEqualTo(1);
        // stuck is reported, but the verdict is about messages
        assertThat(r.verdict()).isEqualTo(Verdict.OK);

        ContinuityReport lenient = verifyWithFaults(VerifyOptions.defaults().withStuckThreshold(Duration.ofSeconds(7)),
                stream, LedgerEvent.fault(T0 + 20_050, "kill", "node2"));
        assertThat(lenient.outages()).singleElement().extracting(Outage::stuck).isEqualTo(false);
    }

    @Test
    void clientThatNeverResumesIsStuckWithNullGaps() {
        // nothing is confirmed after +20 s, while the sender keeps failing until it is interrupted at +29 s
        List<LedgerEvent> sender = new ArrayList<>(senderLedger("at-least-once"));
        sender.remove(sender.size() - 1);
        sender.add(LedgerEvent.send(T0 + 19_000, SENDER, 1, 1, OK, null));
        for (int i = 0; i < 9; i++) {
            sender.add(LedgerEvent.send(T0 + 21_000 + i * 1_000, SENDER, 2, i + 1, FAIL, "AMQ219010"));
        }
        sender.add(LedgerEvent.end(T0 + 29_000, SENDER, "interrupted"));
        List<LedgerEvent> receiver = List.of(
                LedgerEvent.recv(T0 + 19_010, RECEIVER, SENDER, 1, false),
                LedgerEvent.end(T0 + 29_500, RECEIVER, "drained"));

        ContinuityReport r = verifyWithFaults(VerifyOptions.defaults(), List.of(sender, receiver),
                LedgerEvent.fault(T0 + 20_000, "kill", "node1"));

        assertThat(r.outages()).containsExactly(new Outage("kill", T0 + 20_000, null, null, "node1", true));
        assertThat(r.stuckOutages()).isEqualTo(1);
        assertThat(ReportTable.render(r, ZoneOffset.UTC)).containsPattern(
                "(?m)^  kill node1 +12:00:20\\.000 +- +-  STUCK: not served again while the clients ran$");
        assertThat(ReportTable.render(r, ZoneOffset.UTC, Duration.ofMillis(2500))).doesNotContain("SLOW");
    }

    @Test
    void clientThatFinishedRightAfterTheFaultIsNotStuck() {
        List<LedgerEvent> sender = new ArrayList<>(senderLedger("at-least-once", 1));
        sender.set(sender.size() - 1, LedgerEvent.end(T0 + 1_000, SENDER, "done"));
        List<LedgerEvent> receiver = List.of(
                LedgerEvent.recv(T0 + 15, RECEIVER, SENDER, 1, false),
                LedgerEvent.end(T0 + 1_500, RECEIVER, "drained"));

        ContinuityReport r = verifyWithFaults(VerifyOptions.defaults(), List.of(sender, receiver),
                LedgerEvent.fault(T0 + 500, "stop", null));

        assertThat(r.outages()).containsExactly(new Outage("stop", T0 + 500, null, null, null, false));
    }

    // ---- JSON and text ----

    @Test
    void jsonHasTheHeadlineKeysFirstInOrder() throws Exception {
        List<List<LedgerEvent>> stream = stream(new long[][] {{10_050, 10_800}}, new long[][] {});
        ContinuityReport r = verifyWithFaults(VerifyOptions.defaults(), stream,
                LedgerEvent.fault(T0 + 10_050, "kill", "node1"), LedgerEvent.fault(T0 + 12_000, "start", null));

        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(r));

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 9)).containsExactly("sent", "confirmed", "received", "lost", "duplicated",
                "unknownOutcome", "outOfOrder", "outages", "verdict");
        assertThat(keys.subList(9, keys.size())).containsExactly("delivery", "unconfirmed", "recovered",
                "redeliveriesAbsorbed", "unexpected", "pending", "lostSeqs", "duplicatedSeqs", "stuckOutages",
                "exitCode", "reason");
        assertThat(json.get("verdict").asText()).isEqualTo("ok");
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("sent").asInt()).isEqualTo(293);

        JsonNode kill = json.get("outages").get(0);
        List<String> outageKeys = new ArrayList<>();
        kill.fieldNames().forEachRemaining(outageKeys::add);
        assertThat(outageKeys).containsExactly("fault", "at", "sendGapMs", "receiveGapMs", "node", "stuck");
        assertThat(kill.get("sendGapMs").asLong()).isEqualTo(750);
        // a fault without a node leaves the key out
        assertThat(json.get("outages").get(1).has("node")).isFalse();

        // the derived exitCode does not stop the report from being read back
        assertThat(mapper.readValue(mapper.writeValueAsString(r), ContinuityReport.class)).isEqualTo(r);
    }

    @Test
    void tableShowsCountsOutagesAndVerdict() {
        List<List<LedgerEvent>> stream = stream(new long[][] {{5_050, 5_400}, {20_050, 26_500}}, new long[][] {});
        ContinuityReport r = verifyWithFaults(VerifyOptions.defaults(), stream,
                LedgerEvent.fault(T0 + 5_050, "kill", "node1"), LedgerEvent.fault(T0 + 20_050, "kill", "node2"));

        String text = ReportTable.render(r, ZoneOffset.UTC);

        assertThat(text).contains("Continuity (delivery: at-least-once)");
        assertThat(text).containsPattern("(?m)^  sent +233$");
        assertThat(text).containsPattern("(?m)^  lost +0$");
        assertThat(text).containsPattern("(?m)^  kill node1 +12:00:05\\.050 +350 ms +370 ms$");
        assertThat(text).containsPattern(
                "(?m)^  kill node2 +12:00:20\\.050 +6450 ms +6470 ms  SLOW: served again only after more than 5 s$");
        assertThat(text).endsWith("Verdict: OK (exit 0) - all 233 confirmed messages were received\n");
        assertThat(text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).isTrue();
    }

    @Test
    void tableListsLostSeqs() {
        ContinuityReport r = verify(VerifyOptions.defaults(), senderLedger("naive", 1, 2, 3),
                receiverLedger("drained", 1));

        String text = ReportTable.render(r, ZoneOffset.UTC);

        assertThat(text).containsPattern("(?m)^  lost +2  \\(seq 2, 3\\)$");
        assertThat(text).contains("Outages: none");
        assertThat(text).endsWith("Verdict: VIOLATED (exit 1) - 2 confirmed messages were never received\n");
    }
}
