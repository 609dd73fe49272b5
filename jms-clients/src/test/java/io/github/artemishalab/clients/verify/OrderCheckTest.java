package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.verify.Histories.T0;
import static io.github.artemishalab.clients.verify.Histories.history;
import static io.github.artemishalab.clients.verify.Histories.recv;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import org.junit.jupiter.api.Test;

class OrderCheckTest {

    @Test
    void aLowerSeqAfterAHigherOneIsOutOfOrderButNotAViolation() {
        OrderCheck c = OrderCheck.check(history(null, recv(1, 1), recv(2, 3), recv(3, 2), recv(4, 4)));
        assertThat(c.outOfOrder()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aRedeliveredSeqIsNotCountedAsOutOfOrder() {
        assertThat(OrderCheck.check(history(null, recv(1, 1), recv(2, 2), recv(3, 1))).outOfOrder()).isZero();
    }

    @Test
    void eachSenderHasItsOwnOrder() {
        OrderCheck c = OrderCheck.check(history(null, recv(1, 5),
                LedgerEvent.recv(T0 + 2, "r", "other", 1, false), recv(3, 6)));
        assertThat(c.outOfOrder()).isZero();
    }
}
