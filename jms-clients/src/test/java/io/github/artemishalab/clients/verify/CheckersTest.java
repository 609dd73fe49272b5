package io.github.artemishalab.clients.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each checker alone, on small hand-made histories; then how their verdicts compose. */
class CheckersTest {

    private static final long T0 = 1_700_000_000_000L;

    private static History history(String delivery, LedgerEvent... events) {
        return History.of(List.of(events), VerifyOptions.defaults().withDelivery(delivery));
    }

    private static LedgerEvent ok(long t, long seq) {
        return LedgerEvent.send(T0 + t, "s", seq, 1, LedgerEvent.OK, null);
    }

    private static LedgerEvent recv(long t, long seq) {
        return LedgerEvent.recv(T0 + t, "r", "s", seq, false);
    }

    private static LedgerEvent drained(long t) {
        return LedgerEvent.end(T0 + t, "r", "drained");
    }

    private static MessageKey key(long seq) {
        return new MessageKey("s", seq);
    }

    @Nested
    class Loss {
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
    }

    @Nested
    class Duplicates {
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
        void aRedeliveryTheIdempotentReceiverDroppedIsAbsorbedNotDuplicated() {
            DuplicateCheck c = DuplicateCheck.check(history("exactly-once", ok(1, 1), recv(2, 1),
                    LedgerEvent.dedup(T0 + 3, "r", "s", 1, true)));
            assertThat(c.duplicated()).isZero();
            assertThat(c.absorbed()).isEqualTo(1);
            assertThat(c.verdict()).isEqualTo(Verdict.OK);
        }
    }

    @Nested
    class Order {
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
    }

    @Nested
    class Outages {
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
    }

    @Nested
    class UnknownOutcomes {
        @Test
        void anUnknownSendNeverConfirmedIsCountedAndRecoveredIfItArrived() {
            UnknownOutcomeCheck c = UnknownOutcomeCheck.check(history(null,
                    LedgerEvent.send(T0, "s", 1, 1, LedgerEvent.UNKNOWN, "AMQ219016"),
                    LedgerEvent.send(T0 + 1, "s", 2, 1, LedgerEvent.UNKNOWN, "AMQ219016"),
                    LedgerEvent.send(T0 + 2, "s", 3, 1, LedgerEvent.UNKNOWN, "AMQ219016"),
                    ok(3, 3), recv(4, 1)));
            assertThat(c.unknownOutcome()).as("seq 3 was confirmed by its retry").isEqualTo(2);
            assertThat(c.recovered()).isEqualTo(1);
            assertThat(c.unconfirmed()).isEqualTo(2);
        }
    }

    @Nested
    class Composition {
        @Test
        void violatedBeatsUnknownBeatsOk() {
            assertThat(Checkers.combine(Verdict.OK, Verdict.UNKNOWN, Verdict.VIOLATED)).isEqualTo(Verdict.VIOLATED);
            assertThat(Checkers.combine(Verdict.OK, Verdict.UNKNOWN)).isEqualTo(Verdict.UNKNOWN);
            assertThat(Checkers.combine(Verdict.OK, Verdict.OK)).isEqualTo(Verdict.OK);
        }

        @Test
        void aCheckerThatThrowsYieldsUnknownWithItsReasonNeverACrash() {
            Checkers.Checked<OrderCheck> c = Checkers.safe("order", h -> {
                throw new IllegalStateException("no order today");
            }, history(null));
            assertThat(c.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(c.failure()).isEqualTo("the order check failed: java.lang.IllegalStateException: no order today");
            assertThat(c.orElse(new OrderCheck(0)).outOfOrder()).isZero();
        }

        @Test
        void theReportCarriesAFailedCheckersReasonAndItsUnknownVerdict() {
            // receipts missing: the checkers that read them throw, the others still report
            History broken = new History(List.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
                    null, new long[0], new long[0], List.of(), null, null, true, 0, "exactly-once",
                    VerifyOptions.defaults());
            ContinuityReport r = ContinuityVerifier.verify(broken);
            assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(r.reason()).contains("the loss check failed").contains("the duplicates check failed");
        }
    }
}
