package com.example.payments;

import static io.github.artemishalab.harness.lab.Conditions.failedOver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueReceiver;
import io.github.artemishalab.clients.QueueSender;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.ContinuityVerifier;
import io.github.artemishalab.clients.verify.Verdict;
import io.github.artemishalab.clients.verify.VerifyOptions;
import io.github.artemishalab.harness.junit.ArtemisHaLab;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.topology.Mode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payment service keeps booking while its broker is killed: a real replicated pair, a real kill -9. */
@ArtemisHaLab(mode = Mode.REPLICATION)
class PaymentServiceFailoverTest {

    @Test
    void everyPaymentIsBookedOnceThroughAKillOfTheActiveBroker(Lab lab) throws Exception {
        try (PaymentService payments = new PaymentService(lab.haUrl(), lab.user(), lab.password())) {
            for (int i = 0; i < 50; i++) {
                payments.book("p-" + i, 100 + i);
            }
            lab.kill(lab.active());                 // kill -9 of the active broker
            lab.await(failedOver());                // the backup is active
            for (int i = 50; i < 100; i++) {
                payments.book("p-" + i, 100 + i);   // the client failed over by itself
            }
        }
        List<String> ids = drain(lab);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 100).mapToObj(i -> "p-" + i).toList());
    }

    @Test
    void theLabsOwnClientsAndVerifierJudgeAFailover(Lab lab, @TempDir Path ledgers) throws Exception {
        ClientConfig sender = new ClientConfig(lab.haUrl(), lab.user(), lab.password(), "orders",
                Delivery.EXACTLY_ONCE, ledgers.resolve("sender.jsonl"), "sender-1", ClientConfig.DEFAULT_WATCHDOG);
        ClientConfig receiver = new ClientConfig(lab.haUrl(), lab.user(), lab.password(), "orders",
                Delivery.EXACTLY_ONCE, ledgers.resolve("receiver.jsonl"), "receiver-1", ClientConfig.DEFAULT_WATCHDOG);
        Progress sent = Progress.silent();
        CompletableFuture<QueueSender.Result> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return new QueueSender(sender, 300, 300, sent).run(() -> false);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await("a third of the messages sent").atMost(Duration.ofSeconds(30)).until(() -> sent.done() >= 100);
        lab.kill(Node::isActive);                            // kill -9 while the sender is busy
        lab.await(failedOver());
        assertThat(sending.get(60, TimeUnit.SECONDS).confirmed()).isEqualTo(300);
        new QueueReceiver(receiver, 0, Duration.ofSeconds(2), Progress.silent()).run(() -> false);

        // the verifier reads the clients' ledgers: every confirmed message received exactly once
        ContinuityReport report = ContinuityVerifier.verify(List.of(ledgers.resolve("sender.jsonl"),
                ledgers.resolve("receiver.jsonl")), VerifyOptions.defaults());
        assertThat(report.verdict()).as(report.reason()).isEqualTo(Verdict.OK);
        assertThat(report.received()).isEqualTo(300);
        assertThat(report.lost()).isZero();
        assertThat(report.duplicated()).isZero();
    }

    private static List<String> drain(Lab lab) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(lab.haUrl(), lab.user(), lab.password());
             Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(PaymentService.QUEUE));
            for (Message m = consumer.receive(5000); m != null; m = consumer.receive(1000)) {
                ids.add(((TextMessage) m).getText().split(":")[0]);
            }
        }
        return ids;
    }
}
