package io.github.artemishalab.clients.verify;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.Checkers.Composed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Judges a run's merged ledgers: reads them once into a {@link History}, runs the checkers (loss, duplicates, order,
 * outages, unknown outcomes), each safely, and composes their verdicts into one {@link ContinuityReport}.
 * <p>
 * A message confirmed by the broker but never received counts as lost only if a receiver ended with
 * {@code drained}; otherwise it may still be queued, so it is reported as pending and the verdict is unknown.
 */
public final class ContinuityVerifier {

    private ContinuityVerifier() {
    }

    /**
     * Reads and merges the ledgers (a missing file is empty, a truncated line is skipped) and verifies them.
     * Ties in time keep the order of {@code ledgerFiles}.
     */
    // Collection, not List: verify(List<Path>) and verify(List<LedgerEvent>) would have the same erasure
    public static ContinuityReport verify(Collection<Path> ledgerFiles, VerifyOptions options) {
        List<LedgerEvent> events = new ArrayList<>();
        for (Path file : ledgerFiles) {
            events.addAll(Ledger.read(file));
        }
        return verify(events, options);
    }

    /** Verifies merged ledger events; events with equal times keep their order in {@code events}. */
    public static ContinuityReport verify(List<LedgerEvent> events, VerifyOptions options) {
        return verify(History.of(events, options));
    }

    /** Runs every checker on one reading of the ledgers and composes their verdicts into one report. */
    public static ContinuityReport verify(History h) {
        Composed all = Checkers.compose(h, Checkers.ALL);
        // a checker that failed contributes figures of zero; its reason replaces the verdict's sentence
        LossCheck loss = all.of(Checkers.LOSS).orElse(new LossCheck(List.of(), 0, 0));
        DuplicateCheck dup = all.of(Checkers.DUPLICATES)
                .orElse(new DuplicateCheck(0, 0, List.of(), h.absorbed(), h.exactlyOnce()));
        OrderCheck order = all.of(Checkers.ORDER).orElse(new OrderCheck(0));
        OutageCheck outages = all.of(Checkers.OUTAGES).orElse(new OutageCheck(List.of(), 0));
        UnknownOutcomeCheck unknown = all.of(Checkers.UNKNOWN_OUTCOMES).orElse(new UnknownOutcomeCheck(0, 0, 0));

        Verdict verdict = all.verdict();
        String reason = all.failures().isEmpty() ? reason(verdict, h.confirmed().size(), loss.lost().size(),
                loss.pending(), dup.duplicated(), dup.duplicatedKeys().size(), dup.exactlyOnce(), h.delivery())
                : String.join("; ", all.failures());

        return new ContinuityReport(h.sent().size(), h.confirmed().size(), dup.received(), loss.lost().size(),
                dup.duplicated(), unknown.unknownOutcome(), order.outOfOrder(), outages.outages(), verdict,
                h.delivery(), unknown.unconfirmed(), unknown.recovered(), dup.absorbed(), loss.unexpected(),
                loss.pending(), firstSeqs(loss.lost()), firstSeqs(dup.duplicatedKeys()), outages.stuck(), reason);
    }

    private static List<Long> firstSeqs(List<MessageKey> keys) {
        return keys.stream().limit(ContinuityReport.MAX_LISTED_SEQS).map(MessageKey::seq).toList();
    }

    private static String reason(Verdict verdict, int confirmed, int lost, int pending, int duplicated,
                                 int duplicatedMessages, boolean exactlyOnce, String delivery) {
        return switch (verdict) {
            case VIOLATED -> {
                List<String> parts = new ArrayList<>();
                if (lost > 0) {
                    parts.add(messages(lost, "confirmed message") + " " + wasWere(lost) + " never received");
                }
                if (exactlyOnce && duplicated > 0) {
                    parts.add(messages(duplicatedMessages, "message") + " reached the application more than once"
                            + " under exactly-once");
                }
                String why = String.join(" and ", parts);
                yield pending > 0 ? why + "; " + messages(pending, "more confirmed message") + " "
                        + wasWere(pending) + " not received before the receiver stopped" : why;
            }
            case UNKNOWN -> "the receiver stopped before draining; " + messages(pending, "confirmed message") + " "
                    + (pending == 1 ? "is" : "are") + " unaccounted for";
            case OK -> {
                String why = confirmed == 0 ? "no message was confirmed, so none could be lost"
                        : confirmed == 1 ? "the 1 confirmed message was received"
                        : "all " + confirmed + " confirmed messages were received";
                yield duplicated > 0 ? why + " (" + messages(duplicated, "duplicate receipt") + ", allowed under "
                        + (delivery == null ? "an unstated delivery guarantee" : delivery) + ")" : why;
            }
        };
    }

    private static String messages(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String wasWere(int n) {
        return n == 1 ? "was" : "were";
    }
}
