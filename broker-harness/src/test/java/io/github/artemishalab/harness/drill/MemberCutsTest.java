package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An isolation's clients are the ones on the member at the cut; moved are those that reached another before heal. */
class MemberCutsTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int BASE = 40000;

    private static LedgerEvent connected(long t, String client, int member) {
        return new LedgerEvent.Connected(t, client, "127.0.0.1:" + (BASE + member - 1));
    }

    @Test
    void countsTheCutMembersClientsAndThoseThatReachedASiblingBeforeTheHeal() {
        List<LedgerEvent> events = List.of(
                connected(T0 - 900, "a", 1), connected(T0 - 800, "b", 1), connected(T0 - 700, "c", 2),
                connected(T0 - 600, "d", 2), connected(T0 - 100, "d", 1), // d moved onto node1 before the cut
                connected(T0 + 2200, "a", 3),                            // a found a sibling during the cut
                connected(T0 + 9000, "b", 2),                            // b only after the heal
                connected(T0 + 2500, "c", 3));                           // c was never on node1
        RoundResult isolation = new RoundResult(1, FaultKind.ISOLATE_ANY, "node1", T0, null, null, null, T0 + 8000,
                1500L, null, null, 2300L, new MemberCut(5000L, 3L, null, null));
        RoundResult kill = new RoundResult(2, FaultKind.KILL_ANY, "node2", T0 + 20_000, null, null, null, T0 + 21_000,
                1500L, null, null);
        List<RoundResult> measured = MemberCuts.measure(List.of(isolation, kill), events,
                Topology.of(Mode.CLUSTER, BASE, 3));
        assertThat(measured.get(0).memberCut()).isEqualTo(new MemberCut(5000L, 3L, 3, 1));
        assertThat(measured.get(1)).isEqualTo(kill);
    }
}
