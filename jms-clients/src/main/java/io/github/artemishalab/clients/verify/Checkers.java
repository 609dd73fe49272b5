package io.github.artemishalab.clients.verify;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs checkers safely and combines their verdicts (Jepsen's {@code check-safe} and {@code compose}): a checker that
 * throws yields {@code unknown} with its reason, never a crash, and {@code violated} beats {@code unknown} beats
 * {@code ok}.
 */
public final class Checkers {

    public static final Checker<LossCheck> LOSS = new Checker<>("loss", LossCheck::check);
    public static final Checker<DuplicateCheck> DUPLICATES = new Checker<>("duplicates", DuplicateCheck::check);
    public static final Checker<OrderCheck> ORDER = new Checker<>("order", OrderCheck::check);
    public static final Checker<OutageCheck> OUTAGES = new Checker<>("outages", OutageCheck::check);
    public static final Checker<UnknownOutcomeCheck> UNKNOWN_OUTCOMES =
            new Checker<>("unknown outcomes", UnknownOutcomeCheck::check);
    /** Every checker the continuity report is made of, in the order their failures are reported. */
    public static final List<Checker<?>> ALL = List.of(LOSS, DUPLICATES, ORDER, OUTAGES, UNKNOWN_OUTCOMES);

    private Checkers() {
    }

    /**
     * A named check: a pure function of the history.
     *
     * @param name  what it checks ("loss", "duplicates", ...), as its failure reason names it
     * @param check the function
     */
    public record Checker<R extends CheckResult>(String name, Function<History, R> check) {
    }

    /**
     * One checker's outcome: its result, or why it could not give one.
     *
     * @param name    what it checks ("loss", "duplicates", ...)
     * @param result  what it found; null if it threw
     * @param failure why it threw; null if it did not
     */
    public record Checked<R extends CheckResult>(String name, R result, String failure) {

        public Verdict verdict() {
            return result != null ? result.verdict() : Verdict.UNKNOWN;
        }

        /** The result, or {@code fallback} (figures of zero) when the checker failed. */
        public R orElse(R fallback) {
            return result != null ? result : fallback;
        }
    }

    /**
     * What {@link #compose} found: each checker's outcome, in the order the checkers were given.
     *
     * @param checked one per checker
     */
    public record Composed(List<Checked<?>> checked) {

        public Composed {
            checked = List.copyOf(checked);
        }

        /** Violated if any checker found a violation, else unknown if any found unknown or failed, else ok. */
        public Verdict verdict() {
            return combine(checked.stream().map(Checked::verdict).toArray(Verdict[]::new));
        }

        /** Why checkers failed, one reason each, in order; empty if none did. */
        public List<String> failures() {
            return checked.stream().map(Checked::failure).filter(Objects::nonNull).toList();
        }

        /** The outcome of {@code checker}, which must have been one of those composed. */
        @SuppressWarnings("unchecked") // compose keeps names unique, and a name's outcome comes from its checker
        public <R extends CheckResult> Checked<R> of(Checker<R> checker) {
            return (Checked<R>) checked.stream().filter(c -> c.name().equals(checker.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not composed: " + checker.name()));
        }
    }

    /** Runs every checker on {@code history}, each safely. Their names must differ. */
    public static Composed compose(History history, List<Checker<?>> checkers) {
        List<String> names = checkers.stream().map(Checker::name).toList();
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("checker names must differ: " + names);
        }
        return new Composed(checkers.stream().<Checked<?>>map(c -> safe(c, history)).toList());
    }

    /** Runs {@code checker} on {@code history}; whatever it throws becomes an unknown verdict with the reason. */
    public static <R extends CheckResult> Checked<R> safe(Checker<R> checker, History history) {
        try {
            // a null result would read as unknown with no reason: count it as a failure
            R result = Objects.requireNonNull(checker.check().apply(history), "it returned no result");
            return new Checked<>(checker.name(), result, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Checked<>(checker.name(), null, "the " + checker.name() + " check failed: " + e);
        }
    }

    /** Violated if any is violated, else unknown if any is unknown, else ok. */
    public static Verdict combine(Verdict... verdicts) {
        return Arrays.stream(verdicts).anyMatch(v -> v == Verdict.VIOLATED) ? Verdict.VIOLATED
                : Arrays.stream(verdicts).anyMatch(v -> v == Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.OK;
    }
}
