package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.verify.Histories.T0;
import static io.github.artemishalab.clients.verify.Histories.history;
import static io.github.artemishalab.clients.verify.Histories.ok;
import static io.github.artemishalab.clients.verify.Histories.recv;
import static io.github.artemishalab.clients.verify.Histories.unknown;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import org.junit.jupiter.api.Test;

class UnknownOutcomeCheckTest {

    @Test
    void anUnknownSendNeverConfirmedIsCountedAndRecoveredIfItArrived() {
        UnknownOutcomeCheck c = UnknownOutcomeCheck.check(history(null, unknown(0, 1), unknown(1, 2), unknown(2, 3),
                ok(3, 3), recv(4, 1)));
        assertThat(c.unknownOutcome()).as("seq 3 was confirmed by its retry").isEqualTo(2);
        assertThat(c.recovered()).isEqualTo(1);
        assertThat(c.unconfirmed()).isEqualTo(2);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aFailedSendIsUnconfirmedButItsOutcomeIsKnown() {
        UnknownOutcomeCheck c = UnknownOutcomeCheck.check(history(null,
                LedgerEvent.send(T0, "s", 1, 1, LedgerEvent.FAIL, "AMQ219014"), ok(1, 2)));
        assertThat(c.unknownOutcome()).isZero();
        assertThat(c.unconfirmed()).isEqualTo(1);
    }
}
