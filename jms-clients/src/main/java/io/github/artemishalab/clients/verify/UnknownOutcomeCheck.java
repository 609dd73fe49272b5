package io.github.artemishalab.clients.verify;

import java.util.HashSet;
import java.util.Set;

/**
 * Sends whose outcome the client could not know (the call threw during a failover), never confirmed by a retry.
 * Reported, never a violation: the broker may or may not have stored them.
 *
 * @param unknownOutcome never confirmed, at least one attempt with an unknown outcome
 * @param recovered      of those, received anyway
 * @param unconfirmed    sent but never confirmed (failed or unknown)
 */
public record UnknownOutcomeCheck(int unknownOutcome, int recovered, int unconfirmed) implements CheckResult {

    public static UnknownOutcomeCheck check(History h) {
        Set<MessageKey> unknown = new HashSet<>(h.sawUnknown());
        unknown.removeAll(h.confirmed());
        Set<MessageKey> received = new HashSet<>(h.receipts());
        int recovered = (int) unknown.stream().filter(received::contains).count();
        return new UnknownOutcomeCheck(unknown.size(), recovered, h.sent().size() - h.confirmed().size());
    }

    @Override
    public Verdict verdict() {
        return Verdict.OK;
    }
}
