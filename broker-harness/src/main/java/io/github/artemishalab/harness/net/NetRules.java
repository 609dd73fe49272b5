package io.github.artemishalab.harness.net;

import java.util.Map;

/**
 * The rules of all links at one moment, as the lab writes them to {@code net/rules.json}.
 *
 * @param generation changes with every new set of rules: the proxy applies a file whose generation differs from
 *                   the one it applied last, and reports it back in {@code net/applied.json}
 * @param links      rules by link id ({@code from->to}); a link not named here is {@link LinkRule#OPEN}
 */
public record NetRules(long generation, Map<String, LinkRule> links) {

    public NetRules {
        links = links == null ? Map.of() : Map.copyOf(links);
    }

    /** Generation 0, every link open: what holds while there is no rules file. */
    public static NetRules allOpen() {
        return new NetRules(0, Map.of());
    }

    public LinkRule rule(String linkId) {
        return links.getOrDefault(linkId, LinkRule.OPEN);
    }
}
