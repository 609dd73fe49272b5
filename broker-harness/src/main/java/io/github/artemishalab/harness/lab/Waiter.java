package io.github.artemishalab.harness.lab;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** One {@link Lab#await(Condition, Consumer)}: polls the nodes' own status files until the condition holds. */
final class Waiter {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Lab lab;
    private final Condition condition;
    private final Consumer<Node> onChange;

    Waiter(Lab lab, Condition condition, Consumer<Node> onChange) {
        this.lab = lab;
        this.condition = condition;
        this.onChange = onChange;
    }

    LabState run() {
        long deadline = System.nanoTime() + condition.timeout().toNanos();
        Map<String, NodeState> last = new HashMap<>();
        while (true) {
            LabState s = lab.state();
            for (Node n : s.nodes()) {
                if (last.put(n.name(), n.state()) != n.state()) {
                    onChange.accept(n);
                }
            }
            if (condition.test().test(s)) {
                return s;
            }
            for (String name : condition.mustRun()) {
                if (!s.node(name).running()) {
                    throw new LabException("node " + name + " stopped while waiting for " + condition.description()
                            + "; last lines of " + lab.directory().logFile(name) + ":\n"
                            + lab.supervisor().tail(name, 12));
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder stuck = new StringBuilder();
                for (Node n : s.nodes()) {
                    // a node that never settled says why in its log, which a CI run throws away with the lab
                    if (n.running() && n.state() == NodeState.STARTING) {
                        stuck.append("\nlast lines of ").append(n.name()).append(" (still starting):\n")
                                .append(lab.supervisor().tail(n.name(), 8));
                    }
                }
                throw new LabException("timed out after " + condition.timeout().toSeconds() + " s waiting for "
                        + condition.description() + " (" + s.describe() + "); see the logs in "
                        + lab.directory().root().resolve("nodes") + stuck);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + condition.description());
            }
        }
    }
}
