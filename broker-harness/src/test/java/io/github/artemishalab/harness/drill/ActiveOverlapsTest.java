package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.node.StateJournal.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveOverlapsTest {

    @Test
    void aHandoverWithoutOverlapIsNone() {
        ActiveOverlaps o = ActiveOverlaps.of(List.of(
                new Entry("primary", NodeState.ACTIVE, 100, 1), new Entry("primary", NodeState.STOPPED, 500, 1),
                new Entry("backup", NodeState.BACKUP_IN_SYNC, 50, 2), new Entry("backup", NodeState.ACTIVE, 600, 2)),
                List.of(), 1000);
        assertThat(o.none()).isTrue();
        assertThat(o.changes()).isEqualTo(4);
    }

    @Test
    void aKillEndsTheKilledNodesActivityWhereItsOwnRecordCannot() {
        ActiveOverlaps o = ActiveOverlaps.of(List.of(
                new Entry("primary", NodeState.ACTIVE, 100, 1),
                new Entry("primary", NodeState.STARTING, 900, 3), // its next run's first record
                new Entry("backup", NodeState.ACTIVE, 400, 2)),
                List.of(LedgerEvent.fault(300, "kill", "primary")), 1000);
        assertThat(o.none()).as("killed at 300, the backup active at 400").isTrue();
    }

    @Test
    void anOverlapIsMeasuredAndToldApartByWhetherClientsCouldReachBoth() {
        List<Entry> entries = List.of(
                new Entry("primary", NodeState.ACTIVE, 100, 1), new Entry("primary", NodeState.STARTING, 700, 1),
                new Entry("backup", NodeState.ACTIVE, 400, 2));
        ActiveOverlaps isolated = ActiveOverlaps.of(entries,
                List.of(LedgerEvent.fault(200, "isolate", "primary"), LedgerEvent.fault(900, "heal", "all")), 1000);
        assertThat(isolated.overlaps()).containsExactly(new ActiveOverlaps.Overlap("primary", "backup", 400, 700,
                "primary"));
        assertThat(isolated.reachable()).isEmpty();

        ActiveOverlaps healedTooSoon = ActiveOverlaps.of(entries,
                List.of(LedgerEvent.fault(200, "partition", "clients/primary"), LedgerEvent.fault(500, "heal", "all")),
                1000);
        assertThat(healedTooSoon.reachable()).hasSize(1);
        ActiveOverlaps peersOnly = ActiveOverlaps.of(entries,
                List.of(LedgerEvent.fault(200, "partition", "primary/backup")), 1000);
        assertThat(peersOnly.reachable()).as("cut from its peer, not from its clients").hasSize(1);
        assertThat(peersOnly.overlaps().get(0).millis()).isEqualTo(300);
    }
}
