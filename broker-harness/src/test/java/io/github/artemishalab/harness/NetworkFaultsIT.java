package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.drill.Drill;
import io.github.artemishalab.harness.drill.DrillOptions;
import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.drill.NetFaults;
import io.github.artemishalab.harness.drill.RoundResult;
import io.github.artemishalab.harness.drill.RunFolder;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.net.Cut;
import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silent network faults under exactly-once traffic, in one drill on a replicated pair without a quorum: the active
 * node isolated from everything, then the clients cut from the active node while the pair stays whole.
 */
class NetworkFaultsIT {

    /** Longer than the backup takes to find a silent cut (5-10 s with the configs' 5 s TTL) and activate. */
    private static final Duration HOLD = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void isolatedActiveNodeLosesItsClientsToTheBackupAndACutFromTheClientsIsAnOutageOnly() {
        Drill drill = new Drill(new DrillOptions(Mode.REPLICATION,
                List.of(FaultKind.ISOLATE_ACTIVE, FaultKind.PARTITION_CLIENTS), 2, null, null, 100,
                Delivery.EXACTLY_ONCE, null, true, PortCheck.freePortPair("127.0.0.1"), Duration.ofSeconds(60),
                ClientConfig.DEFAULT_WATCHDOG, new NetFaults(true, Cut.DROP, HOLD, Duration.ZERO)),
                tmp.resolve("pair"), new RunFolder(tmp.resolve("run")), false);
        DrillResult r = drill.run(() -> false);
        assertThat(r.note()).isNull();
        assertThat(r.rounds()).hasSize(2);
        ContinuityReport c = r.continuity();

        RoundResult isolate = r.rounds().get(0);
        assertThat(isolate.takeoverMs()).as("the backup finds the silent cut by its 5 s TTL and activates")
                .isNotNull().isBetween(4_000L, 15_000L);
        // Whether the clients reach the backup before the heal is not certain: they find the silent cut after 10-20 s
        // (their TTL), and a reconnection that tries the isolated node first hears nothing until its callTimeout
        // (30 s), as on a real network its connect would. The outage is measured either way.
        assertThat(isolate.sendGapMs()).as("the clients' outage is measured").isNotNull().isPositive();
        assertThat(r.splitBrains().windows()).as("the isolated primary stays active: split brain").isNotEmpty();
        assertThat(c.duplicated()).isZero();
        assertThat(c.lost()).as("every loss is a message confirmed during the split brain, by the side the restart "
                + "threw away").isEqualTo(r.splitBrains().lostConfirmedDuring());

        RoundResult cut = r.rounds().get(1);
        assertThat(cut.takeoverMs()).as("the pair is whole: no takeover").isNull();
        // the longest silence of confirmed sends in the cut: the first send after the fault's timestamp can be one
        // whose confirmation was on its way before the cut took hold (seen once: a send gap of 1 ms)
        List<Long> confirmed = new RunFolder(tmp.resolve("run")).readLedgers().stream()
                .filter(e -> e instanceof LedgerEvent.Send s && s.confirmed()).map(LedgerEvent::t).sorted().toList();
        long longest = 0;
        long prev = cut.at();
        for (long t : confirmed) {
            if (t >= cut.at() && t <= cut.at() + HOLD.toMillis() + 10_000) {
                longest = Math.max(longest, t - prev);
                prev = t;
            }
        }
        assertThat(cut.sendGapMs()).as("the outage is measured").isNotNull();
        assertThat(longest).as("the clients wait for the heal").isGreaterThan(HOLD.toMillis() - 3_000);
        assertThat(r.splitBrains().windows()).as("one split brain, in the first round only").hasSize(1);
    }
}
