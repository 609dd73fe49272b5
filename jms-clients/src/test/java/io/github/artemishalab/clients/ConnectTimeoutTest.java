package io.github.artemishalab.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client pointed at nothing says it is still connecting, and gives up after its connect timeout with a reason. */
class ConnectTimeoutTest {

    @TempDir
    Path tmp;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ClientConfig config(String url) {
        return new ClientConfig(url, "u", "p", "q", Delivery.EXACTLY_ONCE, tmp.resolve("l.jsonl"), "s", null,
                Duration.ofSeconds(4));
    }

    @Test
    void aPlainUrlThatRefusesIsRetriedThenGivenUp() throws Exception {
        String url = "tcp://127.0.0.1:" + closedPort();
        StringWriter out = new StringWriter();
        Progress progress = new Progress("sent", 1, new PrintWriter(out), false);
        assertThatThrownBy(() -> new QueueSender(config(url), 1, 0, progress).run(() -> false))
                .isInstanceOf(CannotConnectException.class)
                .hasMessage("could not connect to " + url + " within 4 s (is the lab up? ./lab status)");
        assertThat(out.toString()).contains("still connecting to " + url + " (3 s)...");
    }

    @Test
    void anHaUrlThatWouldRetryForEverIsGivenUpToo() throws Exception {
        String url = HaUrl.of(List.of("tcp://127.0.0.1:" + closedPort())).toString();
        assertThatThrownBy(() -> new QueueReceiver(config(url), 1, Duration.ofSeconds(1), Progress.silent())
                .run(() -> false))
                .isInstanceOf(CannotConnectException.class).hasMessageContaining("within 4 s");
    }
}
