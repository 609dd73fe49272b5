package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.NodeTraffic;

/** What every exactly-once drill over a cluster must show, whatever its shape. */
final class ClusterDrills {

    private ClusterDrills() {
    }

    /**
     * Over a thousand messages, none lost or duplicated, the verdict ok, and every confirmed send and every receipt
     * placed on the broker it went through, in topology order.
     */
    static ContinuityReport heldExactlyOnce(DrillResult r, String... brokers) {
        ContinuityReport c = r.continuity();
        assertThat(c.sent()).isGreaterThan(1000);
        assertThat(c.lost()).isZero();
        assertThat(c.duplicated()).isZero();
        assertThat(c.received()).isEqualTo(c.confirmed());
        assertThat(r.verdict()).isEqualTo("ok");
        assertThat(r.perNode()).extracting(NodeTraffic::node).containsExactly(brokers);
        assertThat(r.perNode().stream().mapToLong(NodeTraffic::confirmed).sum()).isEqualTo(c.confirmed());
        assertThat(r.perNode().stream().mapToLong(NodeTraffic::received).sum()).isEqualTo(c.received());
        return c;
    }
}
