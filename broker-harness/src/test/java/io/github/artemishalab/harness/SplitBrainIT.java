package io.github.artemishalab.harness;

import static io.github.artemishalab.harness.lab.Conditions.failedBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueReceiver;
import io.github.artemishalab.clients.QueueSender;
import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.ContinuityVerifier;
import io.github.artemishalab.clients.verify.Verdict;
import io.github.artemishalab.clients.verify.VerifyOptions;
import io.github.artemishalab.harness.lab.Condition;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.net.Cut;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicated pair without a quorum, its replication link cut silently through the fault proxy while both brokers
 * live: the backup activates beside the primary (split brain), and the restart that ends it throws away what only
 * the other side had confirmed. The verifier must count exactly those messages as lost.
 */
class SplitBrainIT {

    @TempDir
    Path tmp;

    private static Condition bothActive() {
        return new Condition("both nodes to be active (split brain)", Duration.ofSeconds(40),
                s -> s.active().size() == 2, Set.of("primary", "backup"));
    }

    @Test
    void cutReplicationLinkGivesTwoActiveNodesAndTheRestartLosesWhatOnlyThePrimaryConfirmed() throws Exception {
        Path senderLedger = tmp.resolve("sender.jsonl");
        Path receiverLedger = tmp.resolve("receiver.jsonl");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Lab lab = Lab.builder().mode(Mode.REPLICATION).dir(tmp.resolve("lab")).build().start();
             Cli cli = new Cli(tmp.resolve("lab"))) {
            ClientConfig sending = new ClientConfig(lab.haUrl(), lab.user(), lab.password(), "exampleQueue",
                    Delivery.EXACTLY_ONCE, senderLedger, ClientConfig.newId("sender"), null);
            Progress sent = Progress.silent();
            AtomicBoolean stop = new AtomicBoolean();
            // no receiver yet: a backlog, as a queue in production has one
            Future<QueueSender.Result> sender = pool.submit(() -> new QueueSender(sending, Long.MAX_VALUE, 100, sent)
                    .run(stop::get));
            await("first sends confirmed").atMost(Duration.ofSeconds(30)).until(() -> sent.done() >= 100);

            lab.network().partition("primary", "backup", Cut.DROP);
            long cutAt = lastFault(lab, "partition").t();
            lab.await(bothActive());
            Cli.Result status = cli.run("status");
            assertThat(status.exitCode()).as(status.out()).isEqualTo(1);
            assertThat(status.out()).contains("SPLIT BRAIN").contains("backup->primary").contains("CUT (drop)");

            long atSplit = sent.done();
            await("sends confirmed by the primary alone").atMost(Duration.ofSeconds(30))
                    .until(() -> sent.done() >= atSplit + 200);
            lab.network().heal();
            stop.set(true);
            sender.get(60, TimeUnit.SECONDS);
            assertThat(lab.state().active()).as("Artemis leaves both active after the heal").hasSize(2);

            // the restart that ends it: the primary comes back as the active backup's replica (its own journal goes
            // to oldreplica) and fails back with the backup's data
            lab.kill(lab.node(Role.PRIMARY));
            lab.start(n -> n.is(Role.PRIMARY));
            lab.await(failedBack().within(Duration.ofSeconds(90)));

            ClientConfig receiving = new ClientConfig(lab.haUrl(), lab.user(), lab.password(), "exampleQueue",
                    Delivery.EXACTLY_ONCE, receiverLedger, "receiver", null);
            new QueueReceiver(receiving, 0, Duration.ofSeconds(3), Progress.silent()).run(() -> false);

            List<LedgerEvent> events = new ArrayList<>(Ledger.read(senderLedger));
            events.addAll(Ledger.read(receiverLedger));
            ContinuityReport report = ContinuityVerifier.verify(events, VerifyOptions.defaults()
                    .withDelivery(Delivery.EXACTLY_ONCE.id()));
            long confirmedAfterCut = events.stream().filter(e -> e instanceof LedgerEvent.Send s && s.confirmed()
                    && s.t() > cutAt).map(e -> ((LedgerEvent.Send) e).seq()).distinct().count();
            assertThat(report.verdict()).isEqualTo(Verdict.VIOLATED);
            assertThat(report.duplicated()).isZero();
            // what the primary confirmed after the cut was never replicated; the one send in flight at the cut may
            // have been
            assertThat((long) report.lost()).as("lost, of %d confirmed after the cut", confirmedAfterCut)
                    .isGreaterThanOrEqualTo(200).isBetween(confirmedAfterCut - 1, confirmedAfterCut);
        } finally {
            pool.shutdownNow();
        }
    }

    private static LedgerEvent.Fault lastFault(Lab lab, String kind) {
        return Ledger.read(lab.faults().file()).stream().filter(e -> e instanceof LedgerEvent.Fault f
                && f.kind().equals(kind)).map(e -> (LedgerEvent.Fault) e).reduce((a, b) -> b).orElseThrow();
    }
}
