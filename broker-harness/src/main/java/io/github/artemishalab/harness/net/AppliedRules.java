package io.github.artemishalab.harness.net;

import java.util.List;

/**
 * What the proxy process writes to {@code net/applied.json} each time it puts a generation of rules in force.
 *
 * @param generation   the generation of {@code rules.json} now in force (0: no rules file, all links open)
 * @param appliedAt    when it was handed to the proxy's event loops (an ISO-8601 instant)
 * @param unknownLinks link ids the rules name that the proxy does not carry, most likely typos
 */
public record AppliedRules(long generation, String appliedAt, List<String> unknownLinks) {
}
