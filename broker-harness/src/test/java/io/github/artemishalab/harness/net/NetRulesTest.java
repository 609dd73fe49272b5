package io.github.artemishalab.harness.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.artemishalab.harness.lab.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules file's JSON, as the lab writes it and the proxy reads it. */
class NetRulesTest {

    @Test
    void roundTripsThroughJsonAndDefaultsToOpen() throws Exception {
        NetRules rules = new NetRules(3, Map.of("backup->primary", new LinkRule(Cut.DROP, 0),
                "clients->primary", LinkRule.delayed(50)));

        NetRules back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(rules), NetRules.class);

        assertThat(back).isEqualTo(rules);
        assertThat(back.rule("primary->backup")).isEqualTo(LinkRule.OPEN);
    }

    @Test
    void aRuleWithoutACutOnlyDelays() throws Exception {
        NetRules rules = Json.MAPPER.readValue("{\"generation\":1,\"links\":{\"a->b\":{\"delayMillis\":20}}}",
                NetRules.class);

        assertThat(rules.rule("a->b")).isEqualTo(new LinkRule(Cut.NONE, 20));
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> LinkRule.delayed(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinkIsNamedFromTo() {
        assertThat(new Link("clients", "primary", "127.0.0.1", 61616, "127.0.0.1", 61617).id())
                .isEqualTo("clients->primary");
    }
}
