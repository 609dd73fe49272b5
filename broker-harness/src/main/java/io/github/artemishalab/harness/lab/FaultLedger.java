package io.github.artemishalab.harness.lab;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.nio.file.Path;

/**
 * Where the lab writes the faults it injects and the role changes it sees, on the clients' timeline. A drill tags
 * each fault with its round, so that outages join rounds by id.
 */
public final class FaultLedger {

    private final Path file;
    private volatile Integer round;

    public FaultLedger(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Tags the faults recorded from now on with {@code round} (null: no round). */
    public void round(Integer r) {
        this.round = r;
    }

    public Integer round() {
        return round;
    }

    /** A fault ({@code kill}, {@code stop}, {@code start}) on {@code node}, taken at {@code at} (epoch ms). */
    public void fault(String kind, String node, long at) {
        append(LedgerEvent.fault(at, kind, node, round));
    }

    /** A node's new state. */
    public void state(String node, NodeState state, long at) {
        append(LedgerEvent.state(at, node, state.id()));
    }

    private synchronized void append(LedgerEvent event) {
        try (Ledger ledger = Ledger.open(file)) {
            ledger.append(event);
        }
    }
}
