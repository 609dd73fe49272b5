package io.github.artemishalab.harness.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that crashes is reported as crashed, with its reason; it is never taken for one that finished. */
class TrafficTest {

    @TempDir
    Path tmp;

    private ClientConfig config(Path ledger, String id) {
        return new ClientConfig("tcp://127.0.0.1:1", "u", "p", "q", Delivery.EXACTLY_ONCE, ledger, id, null);
    }

    @Test
    void aSenderAndAReceiverThatCrashAreReportedWithTheirReasons() throws Exception {
        // a ledger path that is a directory: each client fails at its first line, before any connection
        Path notAFile = Files.createDirectories(tmp.resolve("ledger-is-a-directory"));
        try (Traffic traffic = new Traffic()) {
            traffic.start(java.util.List.of(config(notAFile, "s")), java.util.List.of(config(notAFile, "r")), 10, 100,
                    Duration.ofSeconds(1));
            assertThat(traffic.stopSender(Duration.ofSeconds(10))).isEqualTo(Traffic.Ending.CRASHED);
            assertThat(traffic.awaitDrained(Duration.ofSeconds(10))).isEqualTo(Traffic.Ending.CRASHED);
            assertThat(traffic.crashes()).hasSize(2)
                    .anySatisfy(c -> assertThat(c).startsWith("the sender crashed: ").contains("ledger"))
                    .anySatisfy(c -> assertThat(c).startsWith("the receiver crashed: ").contains("ledger"));
        }
    }
}
