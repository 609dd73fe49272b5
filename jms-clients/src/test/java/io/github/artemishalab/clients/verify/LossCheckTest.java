package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.verify.Histories.drained;
import static io.github.artemishalab.clients.verify.Histories.history;
import static io.github.artemishalab.clients.verify.Histories.key;
import static io.github.artemishalab.clients.verify.Histories.ok;
import static io.github.artemishalab.clients.verify.Histories.recv;
import static io.github.artemishalab.clients.verify.Histories.unknown;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LossCheckTest {

    @Test
    void aConfirmedMessageNeverReceivedIsLostOnceTheQueueIsDrained() {
        LossCheck c = LossCheck.check(history(null, ok(1, 1), ok(2, 2), recv(3, 1), drained(4)));
        assertThat(c.lost()).containsExactly(key(2));
        assertThat(c.verdict()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void beforeTheDrainItIsPendingAndTheVerdictUnknown() {
        LossCheck c = LossCheck.check(history(null, ok(1, 1), ok(2, 2), recv(3, 1)));
        assertThat(c.lost()).isEmpty();
        assertThat(c.pending()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aReceiptOfSomethingNeverSentIsUnexpectedNotLost() {
        LossCheck c = LossCheck.check(history(null, ok(1, 1), recv(2, 1), recv(3, 9), drained(4)));
        assertThat(c.unexpected()).isEqualTo(1);
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void anUnconfirmedMessageNeverReceivedIsNotLost() {
        LossCheck c = LossCheck.check(history(null, ok(1, 1), unknown(2, 2), recv(3, 1), drained(4)));
        assertThat(c.lost()).isEmpty();
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void lostMessagesAreListedBySenderThenSeq() {
        LossCheck c = LossCheck.check(history(null, ok(1, 3), ok(2, 1), ok(3, 2), recv(4, 2), drained(5)));
        assertThat(c.lost()).containsExactly(key(1), key(3));
    }
}
