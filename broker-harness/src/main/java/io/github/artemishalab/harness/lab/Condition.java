package io.github.artemishalab.harness.lab;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A named state of the lab to wait for, with its own timeout. A wait that times out says what it waited for and
 * where the nodes were; a node in {@code mustRun} that dies during the wait ends it at once, with its log.
 *
 * @param description what is awaited, as a sentence fragment ("the pair to be ready")
 * @param timeout     how long to wait
 * @param test        when it holds
 * @param mustRun     nodes whose death means the wait cannot succeed
 */
public record Condition(String description, Duration timeout, Predicate<LabState> test, Set<String> mustRun) {

    public Condition {
        mustRun = Set.copyOf(mustRun);
    }

    /** The same condition with another timeout. */
    public Condition within(Duration t) {
        return new Condition(description, t, test, mustRun);
    }

    /** The same condition, failing at once if {@code node} stops while waited on. */
    public Condition whileRunning(String node) {
        Set<String> all = new HashSet<>(mustRun);
        all.add(node);
        return new Condition(description, timeout, test, all);
    }
}
