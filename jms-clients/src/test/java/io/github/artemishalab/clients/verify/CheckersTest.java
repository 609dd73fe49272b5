package io.github.artemishalab.clients.verify;

import static io.github.artemishalab.clients.verify.Histories.drained;
import static io.github.artemishalab.clients.verify.Histories.history;
import static io.github.artemishalab.clients.verify.Histories.ok;
import static io.github.artemishalab.clients.verify.Histories.recv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.artemishalab.clients.verify.Checkers.Checker;
import io.github.artemishalab.clients.verify.Checkers.Composed;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the checkers' verdicts compose, and what becomes of a checker that throws. */
class CheckersTest {

    private static final Checker<OrderCheck> THROWS = new Checker<>("order", h -> {
        throw new IllegalStateException("no order today");
    });

    @Test
    void violatedBeatsUnknownBeatsOk() {
        assertThat(Checkers.combine(Verdict.OK, Verdict.UNKNOWN, Verdict.VIOLATED)).isEqualTo(Verdict.VIOLATED);
        assertThat(Checkers.combine(Verdict.OK, Verdict.UNKNOWN)).isEqualTo(Verdict.UNKNOWN);
        assertThat(Checkers.combine(Verdict.OK, Verdict.OK)).isEqualTo(Verdict.OK);
        assertThat(Checkers.combine()).isEqualTo(Verdict.OK);
    }

    @Test
    void aCheckerThatThrowsYieldsUnknownWithItsReasonNeverACrash() {
        Checkers.Checked<OrderCheck> c = Checkers.safe(THROWS, history(null));
        assertThat(c.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(c.failure()).isEqualTo("the order check failed: java.lang.IllegalStateException: no order today");
        assertThat(c.orElse(new OrderCheck(0)).outOfOrder()).isZero();
    }

    @Test
    void aCheckerThatReturnsNothingFailsWithThatReason() {
        Checkers.Checked<OrderCheck> c = Checkers.safe(new Checker<OrderCheck>("order", h -> null), history(null));
        assertThat(c.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(c.failure())
                .isEqualTo("the order check failed: java.lang.NullPointerException: it returned no result");
    }

    @Test
    void composedAThrowingCheckerMakesAnOkRunUnknownAndGivesItsReason() {
        History clean = history(null, ok(1, 1), recv(2, 1), drained(3));
        Composed all = Checkers.compose(clean, List.of(Checkers.LOSS, THROWS, Checkers.DUPLICATES));
        assertThat(all.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(all.failures()).containsExactly(
                "the order check failed: java.lang.IllegalStateException: no order today");
        assertThat(all.of(Checkers.LOSS).result().lost()).isEmpty();
        assertThat(all.of(THROWS).result()).isNull();
    }

    @Test
    void composedAViolationStillBeatsAThrowingChecker() {
        History lost = history(null, ok(1, 1), ok(2, 2), recv(3, 1), drained(4));
        Composed all = Checkers.compose(lost, List.of(THROWS, Checkers.LOSS));
        assertThat(all.verdict()).isEqualTo(Verdict.VIOLATED);
        assertThat(all.failures()).hasSize(1);
    }

    @Test
    void composeRunsEveryCheckerInTheOrderGiven() {
        Composed all = Checkers.compose(history(null, ok(1, 1), recv(2, 1), drained(3)), Checkers.ALL);
        assertThat(all.checked()).extracting(Checkers.Checked::name)
                .containsExactly("loss", "duplicates", "order", "outages", "unknown outcomes");
        assertThat(all.verdict()).isEqualTo(Verdict.OK);
        assertThat(all.failures()).isEmpty();
    }

    @Test
    void checkersComposedTogetherMustHaveDifferentNamesAndOnlyComposedOnesHaveOutcomes() {
        assertThatThrownBy(() -> Checkers.compose(history(null), List.of(Checkers.ORDER, THROWS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[order, order]");
        Composed one = Checkers.compose(history(null), List.of(Checkers.LOSS));
        assertThatThrownBy(() -> one.of(Checkers.ORDER)).hasMessage("not composed: order");
    }

    @Test
    void theReportCarriesAFailedCheckersReasonAndItsUnknownVerdict() {
        // receipts missing: the checkers that read them throw, the others still report
        History broken = new History(List.of(), Set.of(), Set.of(), Set.of(), null, new long[0], new long[0],
                List.of(), null, null, true, 0, "exactly-once", VerifyOptions.defaults());
        ContinuityReport r = ContinuityVerifier.verify(broken);
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.reason()).contains("the loss check failed").contains("the duplicates check failed");
    }
}
