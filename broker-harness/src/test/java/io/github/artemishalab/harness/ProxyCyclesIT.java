package io.github.artemishalab.harness;

import static io.github.artemishalab.harness.lab.Conditions.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.net.Cut;
import io.github.artemishalab.harness.topology.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty partitions and heals of a live pair through one fault proxy process: traffic flows again through the same
 * proxy, and the proxy holds no more sockets or threads than before.
 */
class ProxyCyclesIT {

    @TempDir
    Path tmp;

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void fiftyPartitionsAndHealsLeaveTheProxyAsItWasAndTrafficFlowing() throws Exception {
        try (Lab lab = Lab.builder().mode(Mode.REPLICATION).dir(tmp.resolve("lab")).build().start();
             JmsProbe probe = new JmsProbe(lab)) {
            long pid = lab.supervisor().proxy().running().orElseThrow().pid();
            Path proc = Path.of("/proc", Long.toString(pid));
            probe.send("warm", 10);
            long fds = count(proc.resolve("fd"));
            long threads = count(proc.resolve("task"));

            for (int i = 0; i < 50; i++) {
                if (i % 2 == 0) {
                    // silent and short: far below the TTL, so the pair itself never notices (a reset would make the
                    // backup active at once: a split brain, which SplitBrainIT covers)
                    lab.network().partition("primary", "backup", Cut.DROP);
                } else {
                    lab.network().partition("primary", "clients", i % 4 == 1 ? Cut.RESET : Cut.DROP);
                }
                lab.network().heal();
            }

            lab.await(ready().within(Duration.ofSeconds(60)));
            try (JmsProbe after = new JmsProbe(lab)) {
                after.send("after", 20);
                assertThat(after.drain(1000)).containsAll(IntStream.range(0, 20).mapToObj(i -> "after-" + i)
                        .toList());
            }
            // connections reset and re-made settle within a moment: wait for it, then compare
            await("the proxy's sockets back to what they were").atMost(Duration.ofSeconds(30))
                    .until(() -> count(proc.resolve("fd")) <= fds + 4);
            assertThat(count(proc.resolve("task"))).as("proxy threads").isLessThanOrEqualTo(threads);
        }
    }
}
