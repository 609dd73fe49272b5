package io.github.artemishalab.harness.net;

import static io.github.artemishalab.harness.net.ProxyFixture.BACKUP;
import static io.github.artemishalab.harness.net.ProxyFixture.CLIENTS;
import static io.github.artemishalab.harness.net.ProxyFixture.LOCAL;
import static io.github.artemishalab.harness.net.ProxyFixture.OTHER;
import static io.github.artemishalab.harness.net.Sockets.SILENCE;
import static io.github.artemishalab.harness.net.Sockets.assertSilent;
import static io.github.artemishalab.harness.net.Sockets.echo;
import static io.github.artemishalab.harness.net.Sockets.read;
import static io.github.artemishalab.harness.net.Sockets.readEnd;
import static io.github.artemishalab.harness.net.Sockets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a cut does to the bytes and closes of a link, seen by plain sockets on both ends. */
class FaultProxyTest {

    private ProxyFixture lab;

    @BeforeEach
    void start() throws IOException {
        lab = ProxyFixture.start();
    }

    @AfterEach
    void stop() throws IOException {
        lab.close();
    }

    @Test
    void bytesFlowBothWaysAndAreCounted() throws IOException {
        Socket c = lab.client(LOCAL);

        assertThat(echo(c, "hello")).isEqualTo("hello");

        await().untilAsserted(() -> assertThat(lab.stats(CLIENTS))
                .isEqualTo(new LinkStats(LinkRule.OPEN, 1, 1, 5, 5, 0)));
        c.close();
        await("close passed on as a FIN").until(() -> lab.target().eofs() == 1);
        await().until(() -> lab.stats(CLIENTS).open() == 0);
    }

    @Test
    void twoListenersOnOnePortAreTwoLinks() throws IOException {
        Socket viaLocal = lab.client(LOCAL);
        Socket viaOther = lab.client(OTHER);
        assertThat(echo(viaLocal, "a")).isEqualTo("a");
        assertThat(echo(viaOther, "b")).isEqualTo("b");
        assertThat(lab.stats(CLIENTS).accepted()).isEqualTo(1);
        assertThat(lab.stats(BACKUP).accepted()).isEqualTo(1);

        lab.apply(BACKUP, LinkRule.of(Cut.DROP));

        send(viaOther, "c");
        assertThat(echo(viaLocal, "d")).isEqualTo("d");
        assertSilent(viaOther);
    }

    @Test
    void dropHoldsExistingConnectionsSilentlyHangsNewOnesAndHealDeliversTheWholeStream() throws IOException {
        Socket existing = lab.client(LOCAL);
        assertThat(echo(existing, "a")).isEqualTo("a");

        lab.apply(CLIENTS, LinkRule.of(Cut.DROP));
        send(existing, "b");
        // neither let in and held (a replicating backup that registers over such a connection stops for good) nor
        // refused: its SYN is lost and the connect hangs, as behind a pulled cable
        assertThatThrownBy(() -> Sockets.connect(LOCAL, lab.port(), 300)).isInstanceOf(SocketTimeoutException.class);

        assertSilent(existing);
        assertThat(lab.target().received()).as("bytes that reached the target").isEqualTo(1);
        assertThat(lab.target().accepted()).isEqualTo(1);
        assertThat(lab.stats(CLIENTS).open()).isEqualTo(1);

        long healed = System.nanoTime();
        lab.healAll();

        // TCP would retransmit what was sent during the partition: the stream arrives whole and in order
        assertThat(read(existing, 1)).isEqualTo("b");
        System.out.printf("heal -> held byte echoed back: %.1f ms%n", (System.nanoTime() - healed) / 1e6);
        assertThat(echo(existing, "d")).isEqualTo("d");
        assertThat(echo(lab.client(LOCAL), "f")).as("the door is open again when heal returns").isEqualTo("f");
    }

    @Test
    void dropHidesTheTargetsCloseUntilHeal() throws IOException {
        Socket c = lab.client(LOCAL);
        assertThat(echo(c, "a")).isEqualTo("a");

        lab.apply(CLIENTS, LinkRule.of(Cut.DROP));
        lab.target().closeConnections();

        assertSilent(c);
        CompletableFuture<String> end = readEnd(c);
        lab.healAll();
        assertThat(end).succeedsWithin(Duration.ofSeconds(2)).isEqualTo("eof");
    }

    @Test
    void dropHidesTheClientsCloseUntilHeal() throws IOException {
        Socket c = lab.client(LOCAL);
        assertThat(echo(c, "a")).isEqualTo("a");

        lab.apply(CLIENTS, LinkRule.of(Cut.DROP));
        c.close();

        await("target sees no close").during(SILENCE).atMost(SILENCE.plusSeconds(1))
                .until(() -> lab.target().eofs() + lab.target().resets() == 0);
        assertThat(lab.stats(CLIENTS).open()).isEqualTo(1);
        lab.healAll();
        await("close passed on after heal").until(() -> lab.target().eofs() == 1);
        await().until(() -> lab.stats(CLIENTS).open() == 0);
    }

    @Test
    void resetClosesExistingConnectionsWithAnRstOnBothSidesAndRefusesNewOnes() throws Exception {
        Socket existing = lab.client(LOCAL);
        assertThat(echo(existing, "a")).isEqualTo("a");
        AtomicLong endedAt = new AtomicLong();
        CompletableFuture<String> end = readEnd(existing).whenComplete((r, e) -> endedAt.set(System.nanoTime()));

        long applied = System.nanoTime();
        lab.apply(CLIENTS, LinkRule.of(Cut.RESET));

        assertThat(end).succeedsWithin(Duration.ofSeconds(1)).isEqualTo("reset");
        System.out.printf("apply(RESET) -> client read fails: %.1f ms%n", (endedAt.get() - applied) / 1e6);
        await("target reset too").atMost(Duration.ofSeconds(1)).until(() -> lab.target().resets() == 1);
        assertThat(lab.target().eofs()).as("FINs the target saw").isZero();
        refused();
        assertThat(lab.target().accepted()).isEqualTo(1);
        await().until(() -> lab.stats(CLIENTS).open() == 0);

        lab.healAll();
        assertThat(echo(lab.client(LOCAL), "b")).isEqualTo("b");
    }

    /** A new connection through the cut link is refused (the JDK shuts a listener at its selector's next select). */
    private void refused() {
        await("a new connection refused").atMost(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThatThrownBy(() -> Sockets.connect(LOCAL, lab.port()).close())
                        .isInstanceOf(ConnectException.class));
    }
}
