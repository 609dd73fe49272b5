package io.github.artemishalab.clients.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages the application received more than once. Under exactly-once that breaks the guarantee; under the
 * others it is counted and allowed.
 *
 * @param received       distinct messages received at least once
 * @param duplicated     receipts beyond the first, summed over all messages
 * @param duplicatedKeys the messages received more than once, ordered by sender then seq
 * @param absorbed       redeliveries the idempotent receiver dropped before the application saw them
 * @param exactlyOnce    whether the run promised exactly-once
 */
public record DuplicateCheck(int received, int duplicated, List<MessageKey> duplicatedKeys, int absorbed,
                             boolean exactlyOnce) implements CheckResult {

    public static DuplicateCheck check(History h) {
        Map<MessageKey, Integer> counts = new LinkedHashMap<>();
        h.receipts().forEach(k -> counts.merge(k, 1, Integer::sum));
        int duplicated = counts.values().stream().mapToInt(n -> n - 1).sum();
        List<MessageKey> keys = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        return new DuplicateCheck(counts.size(), duplicated, keys, h.absorbed(), h.exactlyOnce());
    }

    @Override
    public Verdict verdict() {
        return exactlyOnce && duplicated > 0 ? Verdict.VIOLATED : Verdict.OK;
    }
}
