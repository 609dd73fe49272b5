package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.verify.Histories.T0;
import static io.github.artemishalab.clients.verify.Histories.history;
import static io.github.artemishalab.clients.verify.Histories.key;
import static io.github.artemishalab.clients.verify.Histories.ok;
import static io.github.artemishalab.clients.verify.Histories.recv;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import org.junit.jupiter.api.Test;

class DuplicateCheckTest {

    @Test
    void aSecondReceiptViolatesExactlyOnce() {
        DuplicateCheck c = DuplicateCheck.check(history("exactly-once", ok(1, 1), recv(2, 1), recv(3, 1)));
        assertThat(c.duplicated()).isEqualTo(1);
        assertThat(c.duplicatedKeys()).containsExactly(key(1));
        assertThat(c.verdict()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void andIsAllowedUnderAtLeastOnce() {
        DuplicateCheck c = DuplicateCheck.check(history("at-least-once", ok(1, 1), recv(2, 1), recv(3, 1),
                recv(4, 1)));
        assertThat(c.duplicated()).isEqualTo(2);
        assertThat(c.received()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void andWhereNoDeliveryGuaranteeWasStated() {
        DuplicateCheck c = DuplicateCheck.check(history(null, ok(1, 1), recv(2, 1), recv(3, 1)));
        assertThat(c.duplicated()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aRedeliveryTheIdempotentReceiverDroppedIsAbsorbedNotDuplicated() {
        DuplicateCheck c = DuplicateCheck.check(history("exactly-once", ok(1, 1), recv(2, 1),
                LedgerEvent.dedup(T0 + 3, "r", "s", 1, true)));
        assertThat(c.duplicated()).isZero();
        assertThat(c.absorbed()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }
}
