package io.github.artemishalab.harness.net;

import static io.github.artemishalab.harness.net.Sockets.connect;
import static io.github.artemishalab.harness.net.Sockets.echo;
import static io.github.artemishalab.harness.net.Sockets.read;
import static io.github.artemishalab.harness.net.Sockets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.lab.LabException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting, failing to start, many cut/heal cycles and closing: nothing leaks. */
class FaultProxyLifecycleTest {

    static final String LOCAL = "127.0.0.1";

    @Test
    void aBusyListenAddressIsNamedAndNothingIsLeftRunning() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName(LOCAL))) {
            int free = Sockets.freePort();
            List<Link> links = List.of(
                    new Link("clients", "primary", LOCAL, free, LOCAL, 1),
                    new Link("clients", "backup", LOCAL, busy.getLocalPort(), LOCAL, 1));

            assertThatThrownBy(() -> FaultProxy.start(links))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining(LOCAL + ":" + busy.getLocalPort())
                    .hasMessageContaining("clients->backup");

            await("proxy threads gone").until(() -> Sockets.proxyThreads() == 0);
            // the first listener, bound before the failure, was closed again
            new ServerSocket(free, 1, InetAddress.getByName(LOCAL)).close();
        }
    }

    @Test
    void theDoorOfAnOpenLinkIsShutWhileItsTargetIsDownAndOpensWhenItListens() throws Exception {
        int listen = Sockets.freePort();
        int later = Sockets.freePort();
        try (FaultProxy proxy = FaultProxy.start(List.of(new Link("clients", "primary", LOCAL, listen, LOCAL,
                later)))) {
            // refused at connect, as with no proxy: not accepted and then reset, which Artemis clients notice late
            await("refused while nothing listens").atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThatThrownBy(() -> new Socket(LOCAL, listen).close()).isInstanceOf(ConnectException.class));
            try (ServerSocket target = new ServerSocket(later, 50, InetAddress.getByName(LOCAL))) {
                await("open once the target listens").atMost(Duration.ofSeconds(2))
                        .until(() -> connects(LOCAL, listen));
            }
            await("shut again").atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThatThrownBy(() -> new Socket(LOCAL, listen).close()).isInstanceOf(ConnectException.class));
            proxy.apply(new NetRules(1, Map.of("clients->primary", LinkRule.of(Cut.DROP))));
            assertThatThrownBy(() -> Sockets.connect(LOCAL, listen, 200)).as("a silent cut: the connect hangs, "
                    + "whatever the target does").isInstanceOf(SocketTimeoutException.class);
            proxy.apply(new NetRules(2, Map.of("clients->primary", LinkRule.of(Cut.RESET))));
            await("a reset cut refuses").atMost(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThatThrownBy(() -> new Socket(LOCAL, listen).close()).isInstanceOf(ConnectException.class));
        }
    }

    private static boolean connects(String host, int port) {
        try (Socket s = new Socket(host, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void fiftyCutAndHealCyclesLeaveNoConnectionsOrThreadsBehind() throws IOException {
        int port = Sockets.freePort();
        try (EchoServer target = new EchoServer();
             FaultProxy proxy = FaultProxy.start(List.of(
                     new Link("clients", "primary", LOCAL, port, LOCAL, target.port()),
                     new Link("backup", "primary", "127.77.0.1", port, LOCAL, target.port())));
             Socket live = connect("127.77.0.1", port)) {
            long resetNanos = 0;
            for (int i = 0; i < 50; i++) {
                boolean drop = i % 2 == 0;
                try (Socket before = connect(LOCAL, port)) {
                    assertThat(echo(before, "a")).isEqualTo("a");
                    long applied = System.nanoTime();
                    proxy.apply(new NetRules(i, Map.of("clients->primary", LinkRule.of(drop ? Cut.DROP : Cut.RESET))));
                    if (drop) {
                        send(before, "b");
                        assertThatThrownBy(() -> Sockets.connect(LOCAL, port, 100))
                                .as("a new connection hangs").isInstanceOf(SocketTimeoutException.class);
                        proxy.apply(NetRules.allOpen());
                        assertThat(read(before, 1)).isEqualTo("b");
                        try (Socket after = connect(LOCAL, port)) {
                            assertThat(echo(after, "c")).isEqualTo("c");
                        }
                    } else {
                        assertThatThrownBy(() -> before.getInputStream().read()).isInstanceOf(SocketException.class);
                        resetNanos += System.nanoTime() - applied;
                        proxy.apply(NetRules.allOpen());
                    }
                }
                assertThat(echo(live, "l")).isEqualTo("l");
            }
            System.out.printf("apply(RESET) -> client read fails, mean of 25: %.2f ms%n", resetNanos / 25 / 1e6);

            await("only the live connection left").untilAsserted(() -> {
                assertThat(proxy.stats().get("clients->primary").open()).isZero();
                assertThat(proxy.stats().get("backup->primary").open()).isEqualTo(1);
            });
            assertThat(proxy.stats().get("clients->primary").accepted()).isEqualTo(75);
            assertThat(Sockets.proxyThreads()).isLessThanOrEqualTo(FaultProxy.THREADS);
            proxy.close();
            await("proxy threads gone").until(() -> Sockets.proxyThreads() == 0);
            await("tarpit thread gone").until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().startsWith("lab-tarpit")));
            assertThat(live.getInputStream().read()).as("closing the proxy closes its connections").isEqualTo(-1);
        }
    }
}
