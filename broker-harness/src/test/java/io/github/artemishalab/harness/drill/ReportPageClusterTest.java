package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cluster drill's report says where the traffic went; a pair's does not list its nodes so. */
class ReportPageClusterTest {

    private static DrillResult as(String mode) {
        DrillResult r = ReportHtmlTest.syntheticResult("ok", "node2");
        return new DrillResult(mode, r.delivery(), r.rate(), r.seed(), r.failback(), r.startedAt(), r.endedAt(),
                r.pairStartMs(), r.rounds(), r.continuity(), r.verdict(), r.exitCode(), r.note(),
                r.watchdogReconnects(), r.splitBrains(), null, List.of(new NodeTraffic("node1", 900, 850, 2),
                new NodeTraffic("node2", 800, 850, 3)));
    }

    @Test
    void aClusterReportListsEachMembersShare() {
        ReportPage page = ReportPage.of(as("cluster"), ReportHtmlTest.syntheticEvents("node2"), ZoneOffset.UTC);
        assertThat(page.facts()).contains(new ReportPage.Fact("node1", "900 confirmed, 850 received, 2 clients"),
                new ReportPage.Fact("node2", "800 confirmed, 850 received, 3 clients"));
        assertThat(ReportHtml.render(as("cluster"), ReportHtmlTest.syntheticEvents("node2"), ZoneOffset.UTC))
                .contains("900 confirmed, 850 received, 2 clients");
    }

    @Test
    void aPairReportDoesNot() {
        ReportPage page = ReportPage.of(as("replication"), ReportHtmlTest.syntheticEvents("node2"), ZoneOffset.UTC);
        assertThat(page.facts()).extracting(ReportPage.Fact::key).doesNotContain("node1", "node2");
    }
}
