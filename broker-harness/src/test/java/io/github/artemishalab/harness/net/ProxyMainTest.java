package io.github.artemishalab.harness.net;

import static io.github.artemishalab.harness.net.Sockets.connect;
import static io.github.artemishalab.harness.net.Sockets.echo;
import static io.github.artemishalab.harness.net.Sockets.read;
import static io.github.artemishalab.harness.net.Sockets.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy process's files: links in, ready signal and stats out, rules followed and acknowledged. */
class ProxyMainTest {

    static final String LINK = "clients->primary";

    @TempDir
    Path net;

    private EchoServer target;
    private int port;
    private Thread proxy;
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeLinks() throws IOException {
        target = new EchoServer();
        port = Sockets.freePort();
        Json.writeAtomically(net.resolve(ProxyMain.LINKS),
                List.of(new Link("clients", "primary", "127.0.0.1", port, "127.0.0.1", target.port())));
    }

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.interrupt();
            await("proxy stopped").until(() -> !proxy.isAlive());
        }
        target.close();
    }

    private void startProxy(OptionalLong owner) {
        proxy = new Thread(() -> exitCode.set(ProxyMain.run(net, owner, new PrintWriter(err, true))), "proxy-main");
        proxy.start();
        await("proxy.json, the ready signal").until(() -> Files.exists(net.resolve(ProxyMain.STATUS)));
    }

    private void writeRules(long generation, Map<String, LinkRule> links) {
        Json.writeAtomically(net.resolve(ProxyMain.RULES), new NetRules(generation, links));
    }

    private long appliedGeneration() throws IOException {
        return Json.read(net.resolve(ProxyMain.APPLIED), AppliedRules.class).generation();
    }

    private ProxyStatus status() throws IOException {
        return Json.read(net.resolve(ProxyMain.STATUS), ProxyStatus.class);
    }

    @Test
    void writesTheReadySignalFollowsRulesAndAcknowledgesEachGeneration() throws IOException {
        startProxy(OptionalLong.empty());
        assertThat(status().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(status().links()).containsOnlyKeys(LINK);
        assertThat(appliedGeneration()).as("no rules file: all open").isZero();

        try (Socket c = connect("127.0.0.1", port)) {
            assertThat(echo(c, "a")).isEqualTo("a");
            await("stats refreshed").untilAsserted(() -> assertThat(status().links().get(LINK).bytesFromTarget())
                    .isEqualTo(1));

            Instant written = Instant.now();
            writeRules(1, Map.of(LINK, LinkRule.of(Cut.DROP), "clients->nobody", LinkRule.of(Cut.DROP)));
            await("generation 1 applied").until(() -> appliedGeneration() == 1);
            Instant appliedAt = Instant.parse(Json.read(net.resolve(ProxyMain.APPLIED), AppliedRules.class)
                    .appliedAt());
            System.out.printf("rules.json written -> applied: %d ms%n",
                    Duration.between(written, appliedAt).toMillis());
            assertThat(Json.read(net.resolve(ProxyMain.APPLIED), AppliedRules.class).unknownLinks())
                    .containsExactly("clients->nobody");
            send(c, "b");
            await("nothing crosses").during(Duration.ofMillis(200)).until(() -> target.received() == 1);

            Files.writeString(net.resolve(ProxyMain.RULES), "{not json");
            await("a bad rules file is reported").until(() -> err.toString().contains("cannot read"));
            writeRules(2, Map.of());
            await("generation 2 applied").until(() -> appliedGeneration() == 2);
            assertThat(read(c, 1)).isEqualTo("b");
        }
        proxy.interrupt();
        await("stops on interrupt").until(() -> !proxy.isAlive());
        assertThat(exitCode).hasValue(0);
        assertThatThrownBy(() -> connect("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void putsTheRulesFileInForceBeforeItIsReadyAndExitsWhenItsOwnerEnds() throws IOException {
        writeRules(7, Map.of(LINK, LinkRule.of(Cut.RESET)));
        Process owner = new ProcessBuilder("sleep", "30").start();
        try {
            startProxy(OptionalLong.of(owner.pid()));
            assertThat(appliedGeneration()).isEqualTo(7);
            assertThat(status().links().get(LINK).rule()).isEqualTo(LinkRule.of(Cut.RESET));
        } finally {
            owner.destroyForcibly();
        }
        await("exits with its owner").atMost(Duration.ofSeconds(2)).until(() -> !proxy.isAlive());
        assertThat(exitCode).hasValue(0);
    }

    @Test
    void aMissingLinksFileIsAnExpectedFailure() throws IOException {
        Files.delete(net.resolve(ProxyMain.LINKS));

        assertThatThrownBy(() -> ProxyMain.run(net, OptionalLong.empty()))
                .isInstanceOf(LabException.class)
                .hasMessageContaining(ProxyMain.LINKS);
    }
}
