package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.History;
import io.github.artemishalab.clients.verify.LossCheck;
import io.github.artemishalab.clients.verify.MessageKey;
import io.github.artemishalab.clients.verify.VerifyOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The times a run had two active nodes at once (from the lab's state records), and how many of its lost messages
 * were confirmed in one of them: the cost of a split brain, which the restart that ends it throws away.
 *
 * @param windows             when two or more nodes were active at once
 * @param lostConfirmedDuring lost messages whose send was confirmed inside a window
 */
public record SplitBrains(List<Timeline.SplitBrain> windows, int lostConfirmedDuring) {

    public static final SplitBrains NONE = new SplitBrains(List.of(), 0);

    static SplitBrains of(List<LedgerEvent> events, VerifyOptions options, long end) {
        List<Timeline.SplitBrain> windows = Timeline.splitBrains(Timeline.roleChanges(events), end);
        if (windows.isEmpty()) {
            return NONE;
        }
        List<MessageKey> lost = LossCheck.check(History.of(events, options)).lost();
        Map<MessageKey, Long> confirmedAt = new HashMap<>();
        for (LedgerEvent e : events) {
            if (e instanceof LedgerEvent.Send s && s.confirmed()) {
                confirmedAt.putIfAbsent(new MessageKey(s.client(), s.seq()), s.t());
            }
        }
        int during = (int) lost.stream().map(confirmedAt::get)
                .filter(t -> t != null && windows.stream().anyMatch(w -> t >= w.from() && t <= w.to())).count();
        return new SplitBrains(windows, during);
    }

    /** How long two nodes were active in all, in ms. */
    public long totalMs() {
        return windows.stream().mapToLong(w -> w.to() - w.from()).sum();
    }
}
