package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.verify.Histories.T0;
import static io.github.artemishalab.clients.verify.Histories.history;
import static io.github.artemishalab.clients.verify.Histories.ok;
import static io.github.artemishalab.clients.verify.Histories.recv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import org.junit.jupiter.api.Test;

class OutageCheckTest {

    @Test
    void theGapsRunFromTheFaultToTheNextConfirmedSendAndReceipt() {
        OutageCheck c = OutageCheck.check(history(null, ok(0, 1), recv(1, 1),
                LedgerEvent.fault(T0 + 10, "kill", "primary", 2), ok(410, 2), recv(460, 2)));
        assertThat(c.outages()).containsExactly(new Outage("kill", T0 + 10, 400L, 450L, "primary", false, 2));
        assertThat(c.stuck()).isZero();
    }

    @Test
    void aGapOverTheThresholdIsFlaggedStuck() {
        OutageCheck c = OutageCheck.check(history(null, LedgerEvent.fault(T0, "kill", "primary"), ok(6000, 1),
                recv(6001, 1)));
        assertThat(c.stuck()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aClientThatKeptLoggingButNeverResumedIsStuck() {
        OutageCheck c = OutageCheck.check(history(null, ok(0, 1), recv(1, 1), LedgerEvent.fault(T0 + 10, "kill",
                "primary"), LedgerEvent.failover(T0 + 20, "s", "FAILURE_DETECTED"), LedgerEvent.end(T0 + 9000, "s",
                "interrupted")));
        assertThat(c.outages()).singleElement().satisfies(o -> {
            assertThat(o.sendGapMs()).isNull();
            assertThat(o.stuck()).isTrue();
        });
    }

    @Test
    void clientsThatFinishedRightAfterTheFaultAreNotStuck() {
        OutageCheck c = OutageCheck.check(history(null, ok(0, 1), recv(1, 1),
                LedgerEvent.fault(T0 + 10, "kill", "primary"), LedgerEvent.end(T0 + 20, "s", "done")));
        assertThat(c.stuck()).isZero();
    }

    @Test
    void oneOutagePerFaultInTimeOrder() {
        OutageCheck c = OutageCheck.check(history(null, LedgerEvent.fault(T0 + 500, "start", "primary"),
                LedgerEvent.fault(T0, "kill", "primary"), ok(100, 1), ok(600, 2)));
        assertThat(c.outages()).extracting(Outage::fault, Outage::sendGapMs)
                .containsExactly(tuple("kill", 100L), tuple("start", 100L));
    }

    @Test
    void theGapIsToTheFirstTimeStrictlyAfterTheFault() {
        long[] times = {10, 20, 20, 30};
        assertThat(OutageCheck.gapAfter(times, 20)).isEqualTo(10L);
        assertThat(OutageCheck.gapAfter(times, 5)).isEqualTo(5L);
        assertThat(OutageCheck.gapAfter(times, 30)).isNull();
        assertThat(OutageCheck.gapAfter(new long[0], 0)).isNull();
    }
}
