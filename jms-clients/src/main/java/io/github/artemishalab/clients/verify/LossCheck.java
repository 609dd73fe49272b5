package io.github.artemishalab.clients.verify;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Confirmed messages that never arrived. They count as lost only once a receiver drained the queue; before that
 * they may still be queued, and are pending.
 *
 * @param lost       confirmed, never received, the queue drained: ordered by sender then seq
 * @param pending    confirmed, not received, the queue not drained
 * @param unexpected received but never sent
 */
public record LossCheck(List<MessageKey> lost, int pending, int unexpected) implements CheckResult {

    public static LossCheck check(History h) {
        Set<MessageKey> received = new HashSet<>(h.receipts());
        List<MessageKey> missing = h.confirmed().stream().filter(k -> !received.contains(k)).sorted().toList();
        int unexpected = (int) received.stream().filter(k -> !h.sent().contains(k)).count();
        return h.drained() ? new LossCheck(missing, 0, unexpected) : new LossCheck(List.of(), missing.size(), unexpected);
    }

    @Override
    public Verdict verdict() {
        return !lost.isEmpty() ? Verdict.VIOLATED : pending > 0 ? Verdict.UNKNOWN : Verdict.OK;
    }
}
