package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.drill.Drill;
import io.github.artemishalab.harness.drill.DrillOptions;
import io.github.artemishalab.harness.drill.NetFaults;
import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.drill.RoundResult;
import io.github.artemishalab.harness.drill.RunFolder;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clients' guarantees under real faults: rounds of kill -9 of the active node, restart and failback while
 * sending 200 msg/s, judged by the verifier over the ledgers, and cross-checked against the ledgers here.
 */
class ContinuityIT {

    @TempDir
    Path tmp;

    private DrillResult drill(Mode mode, Delivery delivery, int rounds, List<FaultKind> faults) {
        Drill drill = new Drill(new DrillOptions(mode, faults, rounds, null, null, 200, delivery, null, true,
                PortCheck.freePortPair("127.0.0.1"), Duration.ofSeconds(60), ClientConfig.DEFAULT_WATCHDOG,
                NetFaults.DEFAULT),
                tmp.resolve("pair"), new RunFolder(tmp.resolve("run")), false);
        DrillResult result = drill.run(() -> false);
        assertThat(result.rounds()).hasSize(rounds);
        for (RoundResult r : result.rounds()) {
            assertThat(r.takeoverMs()).as("round %d takeover", r.round()).isNotNull().isLessThan(10_000L);
            assertThat(r.failbackMs()).as("round %d failback", r.round()).isNotNull();
            assertThat(r.sendGapMs()).as("round %d send gap", r.round()).isNotNull();
        }
        assertThat(result.note()).isNull();
        assertThat(new LabDirectory(tmp.resolve("pair")).readPid("primary").flatMap(p -> p.alive())).isEmpty();
        assertThat(new LabDirectory(tmp.resolve("pair")).readPid("backup").flatMap(p -> p.alive())).isEmpty();
        return result;
    }

    private List<LedgerEvent> events(String file) {
        return Ledger.read(tmp.resolve("run").resolve(file));
    }

    private List<LedgerEvent.Send> sends() {
        return events("sender.jsonl").stream().filter(LedgerEvent.Send.class::isInstance)
                .map(LedgerEvent.Send.class::cast).toList();
    }

    /** The seqs sent, or only those with this outcome. */
    private Set<Long> sentSeqs(String outcome) {
        return sends().stream().filter(e -> outcome == null || outcome.equals(e.outcome()))
                .map(LedgerEvent.Send::seq).collect(Collectors.toSet());
    }

    private List<Long> receivedSeqs() {
        return events("receiver.jsonl").stream().filter(LedgerEvent.Recv.class::isInstance)
                .map(e -> ((LedgerEvent.Recv) e).seq()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void exactlyOnceLosesNothingAndDuplicatesNothing(String modeId) {
        DrillResult r = drill(Mode.parse(modeId), Delivery.EXACTLY_ONCE, 3, List.of(FaultKind.KILL_ACTIVE));
        ContinuityReport c = r.continuity();
        assertThat(c.sent()).isGreaterThan(1000);
        assertThat(c.lost()).isZero();
        assertThat(c.duplicated()).isZero();
        assertThat(c.unknownOutcome()).as("every unknown outcome was resolved by a confirmed retry").isZero();
        assertThat(c.confirmed()).isEqualTo(c.sent());
        assertThat(c.received()).isEqualTo(c.confirmed());
        assertThat(r.verdict()).isEqualTo("ok");
        assertThat(r.exitCode()).isZero();
        // the ledgers themselves: each confirmed seq reached the application exactly once
        List<Long> recv = receivedSeqs();
        assertThat(new HashSet<>(recv)).hasSize(recv.size()).isEqualTo(sentSeqs(LedgerEvent.OK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void atLeastOnceLosesNothingAndCountsItsDuplicates(String modeId) {
        DrillResult r = drill(Mode.parse(modeId), Delivery.AT_LEAST_ONCE, 2, List.of(FaultKind.KILL_ACTIVE));
        ContinuityReport c = r.continuity();
        assertThat(c.lost()).isZero();
        assertThat(c.received()).isEqualTo(c.confirmed());
        long recvEvents = receivedSeqs().size();
        assertThat(c.duplicated()).as("duplicates = receipts beyond the first").isEqualTo(recvEvents - c.received());
        assertThat(r.verdict()).isEqualTo("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void naiveIsAccountedForSequenceBySequence(String modeId) {
        DrillResult r = drill(Mode.parse(modeId), Delivery.NAIVE, 2, List.of(FaultKind.KILL_ACTIVE));
        ContinuityReport c = r.continuity();
        Set<Long> sent = sentSeqs(null);
        Set<Long> confirmed = sentSeqs(LedgerEvent.OK);
        Set<Long> received = new HashSet<>(receivedSeqs());
        Set<Long> lost = new HashSet<>(confirmed);
        lost.removeAll(received);
        Set<Long> neverConfirmedNorReceived = new HashSet<>(sent);
        neverConfirmedNorReceived.removeAll(confirmed);
        neverConfirmedNorReceived.removeAll(received);
        // naive never retries: one attempt per sequence number
        List<LedgerEvent.Send> sends = sends();
        assertThat(sends).extracting(LedgerEvent.Send::attempt).containsOnly(1);
        assertThat(sends).hasSize(sent.size());
        // what naive skips, it skips only around a fault: each failed or unknown send lies within 10 s after one
        List<Long> faults = events("faults.jsonl").stream().filter(LedgerEvent.Fault.class::isInstance)
                .map(LedgerEvent::t).toList();
        assertThat(faults).isNotEmpty();
        for (LedgerEvent.Send e : sends) {
            if (!LedgerEvent.OK.equals(e.outcome())) {
                assertThat(faults).as("seq %d (%s) failed outside any fault", e.seq(), e.outcome())
                        .anyMatch(f -> f <= e.t() && e.t() - f < 10_000);
            }
        }
        // the verifier's figures are the ledgers' own, down to which seqs it calls lost
        assertThat(c.sent()).isEqualTo(sent.size());
        assertThat(c.confirmed()).isEqualTo(confirmed.size());
        assertThat(c.received()).isEqualTo(received.size());
        assertThat(c.lost()).isEqualTo(lost.size());
        assertThat(c.unconfirmed()).isEqualTo(neverConfirmedNorReceived.size()
                + (int) received.stream().filter(q -> !confirmed.contains(q)).count());
        assertThat(c.lostSeqs()).containsExactlyElementsOf(lost.stream().sorted().limit(50).toList());
        assertThat(r.verdict()).isEqualTo(lost.isEmpty() ? "ok" : "violated");
    }
}
