package io.github.artemishalab.clients.verify;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Runs checkers safely and combines their verdicts (Jepsen's {@code check-safe} and {@code compose}): a checker that
 * throws yields {@code unknown} with its reason, never a crash, and {@code violated} beats {@code unknown} beats
 * {@code ok}.
 */
public final class Checkers {

    private Checkers() {
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

    /** Runs {@code checker} on {@code history}; whatever it throws becomes an unknown verdict with the reason. */
    public static <R extends CheckResult> Checked<R> safe(String name, Function<History, R> checker,
                                                          History history) {
        try {
            return new Checked<>(name, checker.apply(history), null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Checked<>(name, null, "the " + name + " check failed: " + e);
        }
    }

    /** Violated if any is violated, else unknown if any is unknown, else ok. */
    public static Verdict combine(Verdict... verdicts) {
        return Arrays.stream(verdicts).anyMatch(v -> v == Verdict.VIOLATED) ? Verdict.VIOLATED
                : Arrays.stream(verdicts).anyMatch(v -> v == Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.OK;
    }
}
