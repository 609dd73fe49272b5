package io.github.artemishalab.harness.drill;

import static io.github.artemishalab.harness.drill.ReportHtmlTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.drill.Timeline.ClientFailover;
import io.github.artemishalab.harness.drill.Timeline.Phase;
import io.github.artemishalab.harness.drill.Timeline.Restart;
import io.github.artemishalab.harness.drill.Timeline.RoleChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's model, apart from its drawing: what the ledgers become before any markup. */
class TimelineTest {

    private static Timeline synthetic() {
        return Timeline.of(ReportHtmlTest.syntheticResult("ok", "primary"), ReportHtmlTest.syntheticEvents("primary"));
    }

    @Test
    void bucketsHoldConfirmedSendsAndReceiptsOnAScaleRoundedUp() {
        Timeline t = synthetic();
        assertThat(t.t0()).isEqualTo(T0);
        assertThat(t.bucketMs()).isEqualTo(100);
        // 10.5 s of drill: buckets 0 to 105
        assertThat(t.sends()).hasSize(106);
        assertThat(t.sends()[0]).isEqualTo(20);
        assertThat(t.sends()[30]).as("the unknown send at 3.005 s is not a confirmed send").isZero();
        assertThat(t.receipts()[0]).as("receipts lag 40 ms").isEqualTo(12);
        assertThat(t.yMax()).isEqualTo(20);
        assertThat(t.tickStep()).isEqualTo(1.0);
    }

    @Test
    void faultsBecomeWindowsAndRestarts() {
        Timeline t = synthetic();
        assertThat(t.windows()).containsExactly(new FaultWindow(T0 + 3000, T0 + 6000, "kill", "primary", false));
        assertThat(t.restarts()).containsExactly(new Restart(T0 + 6000, "primary"));
    }

    @Test
    void roleChangesKnowWhichAreActivationsAndFailoversTheirPhase() {
        List<LedgerEvent> events = List.of(LedgerEvent.state(T0 + 200, "backup", "active"),
                LedgerEvent.state(T0 + 100, "primary", "stopped"),
                LedgerEvent.failover(T0 + 300, "sender-1", "FAILOVER_FAILED"),
                LedgerEvent.failover(T0 + 50, "sender-1", "FAILURE_DETECTED"),
                LedgerEvent.failover(T0 + 250, "sender-1", "FAILOVER_COMPLETED"));
        Timeline t = Timeline.of(ReportHtmlTest.syntheticResult("ok", "primary"), events);
        assertThat(t.changes()).containsExactly(new RoleChange(T0 + 100, "primary", "stopped", false),
                new RoleChange(T0 + 200, "backup", "active", true));
        assertThat(t.failovers()).extracting(ClientFailover::phase)
                .containsExactly(Phase.DETECTED, Phase.COMPLETED, Phase.FAILED);
        assertThat(t.windows()).isEmpty();
    }

    @Test
    void cutsRunToTheHealThatEndsThemAndTwoActiveNodesAreASplitBrain() {
        List<LedgerEvent> events = List.of(
                LedgerEvent.state(T0, "primary", "active"), LedgerEvent.state(T0, "backup", "backup-in-sync"),
                LedgerEvent.fault(T0 + 1000, "partition", "primary/backup"),
                LedgerEvent.fault(T0 + 1500, "delay", "backup"),
                LedgerEvent.state(T0 + 6000, "backup", "active"),
                LedgerEvent.fault(T0 + 9000, "heal", "primary/backup"),
                LedgerEvent.fault(T0 + 9500, "kill", "backup"),
                LedgerEvent.state(T0 + 9600, "backup", "stopped"),
                LedgerEvent.fault(T0 + 9700, "start", "backup"),
                LedgerEvent.fault(T0 + 10_000, "isolate", "primary"));
        Timeline t = Timeline.of(ReportHtmlTest.syntheticResult("ok", "primary"), events);
        long end = t.t0() + t.span();
        assertThat(t.windows()).containsExactly(
                new FaultWindow(T0 + 1000, T0 + 9000, "partition", "primary/backup", false),
                new FaultWindow(T0 + 1500, end, "delay", "backup", true),
                new FaultWindow(T0 + 9500, T0 + 9700, "kill", "backup", false),
                new FaultWindow(T0 + 10_000, end, "isolate", "primary", true));
        assertThat(t.splitBrains()).containsExactly(
                new Timeline.SplitBrain(T0 + 6000, T0 + 9600, List.of("backup", "primary")));
    }

    @Test
    void lostMessagesConfirmedDuringASplitBrainAreCountedAsItsCost() {
        List<LedgerEvent> events = List.of(
                LedgerEvent.start(T0, "sender", "sender-1", "exactly-once", "tcp://x"),
                LedgerEvent.start(T0, "receiver", "receiver", "exactly-once", "tcp://x"),
                LedgerEvent.state(T0, "primary", "active"),
                LedgerEvent.send(T0 + 100, "sender-1", 1, 1, LedgerEvent.OK, null),
                LedgerEvent.state(T0 + 1000, "backup", "active"),
                LedgerEvent.send(T0 + 1100, "sender-1", 2, 1, LedgerEvent.OK, null),
                LedgerEvent.send(T0 + 1200, "sender-1", 3, 1, LedgerEvent.OK, null),
                LedgerEvent.state(T0 + 2000, "primary", "stopped"),
                LedgerEvent.send(T0 + 2100, "sender-1", 4, 1, LedgerEvent.OK, null),
                LedgerEvent.recv(T0 + 2200, "receiver", "sender-1", 1, false),
                LedgerEvent.end(T0 + 3000, "sender-1", "done"), LedgerEvent.end(T0 + 6000, "receiver", "drained"));
        SplitBrains sb = SplitBrains.of(events, null, T0 + 6000);
        assertThat(sb.windows()).containsExactly(new Timeline.SplitBrain(T0 + 1000, T0 + 2000,
                List.of("backup", "primary")));
        assertThat(sb.lostConfirmedDuring()).as("seqs 2 and 3; 4 was lost after the split ended").isEqualTo(2);
        assertThat(sb.totalMs()).isEqualTo(1000);
    }

    @Test
    void aLongDrillGetsWiderBuckets() {
        List<LedgerEvent> events = List.of(LedgerEvent.send(T0, "sender-1", 1, 1, LedgerEvent.OK, null),
                LedgerEvent.send(T0 + 3_600_000, "sender-1", 2, 1, LedgerEvent.OK, null));
        Timeline t = Timeline.of(ReportHtmlTest.syntheticResult("ok", "primary"), events);
        assertThat(t.bucketMs()).isEqualTo(200);
        assertThat(t.sends().length).isLessThanOrEqualTo(20_000);
        assertThat(t.tickStep()).as("an hour in 12 ticks").isEqualTo(300.0);
    }
}
