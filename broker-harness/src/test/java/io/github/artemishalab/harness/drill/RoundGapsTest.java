package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityVerifier;
import io.github.artemishalab.clients.verify.Outage;
import io.github.artemishalab.clients.verify.VerifyOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rounds meet their outages by round id, and failback gaps are measured in the round's own window. */
class RoundGapsTest {

    private static final long T0 = 1_700_000_000_000L;

    private static RoundResult round(int n, String node, long at, long restartAt) {
        return new RoundResult(n, FaultKind.KILL_ACTIVE, node, at, 300L, null, null, restartAt, 1000L, null, null);
    }

    @Test
    void roundsJoinTheirOutagesByIdEvenWhenFaultsAreCloseInTime() {
        // two faults on the same node 200 ms apart: a join by time and node would give round 2 the first outage
        List<Outage> outages = List.of(
                new Outage("kill", T0, 100L, 110L, "primary", false, 1),
                new Outage("start", T0 + 100, 5L, 5L, "primary", false, 1),
                new Outage("kill", T0 + 200, 700L, 710L, "primary", false, 2));
        List<RoundResult> measured = RoundGaps.measure(
                List.of(round(1, "primary", T0, T0 + 100), round(2, "primary", T0 + 200, T0 + 5000)), outages,
                List.of());
        assertThat(measured).extracting(RoundResult::sendGapMs).containsExactly(100L, 700L);
        assertThat(measured).extracting(RoundResult::at).containsExactly(T0, T0 + 200);
    }

    @Test
    void theWorstClientIsTheOneWhoseBrokerDiedNotTheFirstToCarryOn() {
        // a sends and b receives on the member that lives (every 10 ms); c sends on the one killed at T0 and is back
        // 2300 ms later; d stopped long before the fault and does not count
        List<LedgerEvent> events = new java.util.ArrayList<>();
        for (long t = T0 - 500; t < T0 + 3000; t += 10) {
            events.add(LedgerEvent.send(t, "a", t, 1, LedgerEvent.OK, null));
            events.add(LedgerEvent.recv(t + 3, "b", "a", t, false));
            if (t < T0 - 5 || t > T0 + 2300) {
                events.add(LedgerEvent.send(t, "c", t, 1, LedgerEvent.OK, null));
            }
        }
        events.add(LedgerEvent.send(T0 - 60_000, "d", 1, 1, LedgerEvent.OK, null));
        List<RoundResult> measured = RoundGaps.measure(List.of(round(1, "node2", T0, T0 + 3000)),
                List.of(new Outage("kill", T0, 0L, 3L, "node2", false, 1)), events);
        assertThat(measured.get(0).worstClientGapMs()).isBetween(2300L, 2310L);
        assertThat(measured.get(0).sendGapMs()).isZero();
    }

    @Test
    void aRoundWithoutItsOutageHasNoGapsRatherThanAnotherRoundsOnes() {
        List<RoundResult> measured = RoundGaps.measure(List.of(round(3, "backup", T0, T0 + 100)),
                List.of(new Outage("kill", T0, 100L, 110L, "backup", false, 2)), List.of());
        assertThat(measured.get(0).sendGapMs()).isNull();
    }

    @Test
    void theVerifierCarriesAFaultsRoundIntoItsOutage() {
        List<LedgerEvent> events = List.of(
                LedgerEvent.send(T0 - 10, "s", 1, 1, LedgerEvent.OK, null),
                LedgerEvent.fault(T0, "kill", "primary", 4),
                LedgerEvent.send(T0 + 250, "s", 2, 1, LedgerEvent.OK, null));
        List<Outage> outages = ContinuityVerifier.verify(events, VerifyOptions.defaults()).outages();
        assertThat(outages).extracting(Outage::round).containsExactly(4);
        assertThat(outages.get(0).sendGapMs()).isEqualTo(250L);
    }

    @Test
    void theLongestFailbackGapIsMeasuredFromTheRestart() {
        List<Long> times = List.of(T0 - 50, T0 + 100, T0 + 900, T0 + 1000, T0 + 5000);
        assertThat(RoundGaps.longestGap(times, T0, T0 + 3000)).isEqualTo(800L);
        assertThat(RoundGaps.longestGap(times, T0 + 1001, T0 + 2000)).isNull();
    }
}
