package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.lab.Mode;
import io.github.artemishalab.harness.lab.NodeState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pair's behaviour in both modes, with real broker JVMs and real signals. */
class PairFailoverIT {

    private static final Duration TAKEOVER = Duration.ofSeconds(10);
    private static final Duration FAILBACK = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    private static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void killedPrimaryFailsOverAndFailsBackWithItsMessages(String modeId) throws Exception {
        Mode mode = Mode.parse(modeId);
        try (Lab lab = new Lab(tmp.resolve("lab"))) {
            lab.up(modeId);
            assertThat(lab.state("primary")).isEqualTo(NodeState.ACTIVE);
            assertThat(lab.state("backup")).isEqualTo(mode.readyBackupState());

            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("before", 20);
            }
            lab.ok("kill", "primary");
            assertThat(lab.state("primary")).isEqualTo(NodeState.STOPPED);
            lab.awaitState("backup", NodeState.ACTIVE, TAKEOVER);

            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("during", 100);
            }

            lab.ok("start", "primary");
            lab.awaitState("primary", NodeState.ACTIVE, FAILBACK);
            lab.awaitState("backup", mode.readyBackupState(), FAILBACK);

            try (JmsProbe probe = new JmsProbe(lab)) {
                List<String> expected = new ArrayList<>(ids("before", 20));
                expected.addAll(ids("during", 100));
                assertThat(probe.drain(1000)).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void gracefulStopOfThePrimaryHandsOverToTheBackup(String modeId) throws Exception {
        try (Lab lab = new Lab(tmp.resolve("lab"))) {
            lab.up(modeId);
            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("before", 20);
            }
            Lab.Result stop = lab.ok("stop", "primary");
            assertThat(stop.out()).contains("Stopped primary");
            assertThat(lab.state("primary")).isEqualTo(NodeState.STOPPED);
            lab.awaitState("backup", NodeState.ACTIVE, TAKEOVER);
            try (JmsProbe probe = new JmsProbe(lab)) {
                assertThat(probe.drain(1000)).containsExactlyInAnyOrderElementsOf(ids("before", 20));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void killedBackupRejoinsWhileThePrimaryServesThroughout(String modeId) throws Exception {
        Mode mode = Mode.parse(modeId);
        try (Lab lab = new Lab(tmp.resolve("lab"))) {
            lab.up(modeId);
            long primaryPid = lab.node("primary").pid();
            try (JmsProbe probe = new JmsProbe(lab)) {
                lab.ok("kill", "backup");
                assertThat(lab.state("backup")).isEqualTo(NodeState.STOPPED);
                probe.send("alone", 50);
                assertThat(lab.state("primary")).isEqualTo(NodeState.ACTIVE);

                lab.ok("start", "backup");
                lab.awaitState("backup", mode.readyBackupState(), FAILBACK);
                probe.send("paired", 50);
                assertThat(lab.node("primary").pid()).isEqualTo(primaryPid);
                assertThat(lab.state("primary")).isEqualTo(NodeState.ACTIVE);

                List<String> expected = new ArrayList<>(ids("alone", 50));
                expected.addAll(ids("paired", 50));
                assertThat(probe.drain(1000)).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void withoutFailbackTheReturningPrimaryStaysBackup(String modeId) throws Exception {
        Mode mode = Mode.parse(modeId);
        try (Lab lab = new Lab(tmp.resolve("lab"))) {
            lab.up(modeId, "--no-failback");
            lab.ok("kill", "primary");
            lab.awaitState("backup", NodeState.ACTIVE, TAKEOVER);
            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("during", 30);
            }

            lab.ok("start", "primary");
            lab.awaitState("primary", mode.readyBackupState(), FAILBACK);
            await("primary stays " + mode.readyBackupState()).during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lab.state("primary") == mode.readyBackupState()
                            && lab.state("backup") == NodeState.ACTIVE);

            Lab.Result status = lab.ok("status", "--json");
            assertThat(status.out())
                    .contains("{\"name\":\"primary\",\"state\":\"" + mode.readyBackupState().id() + "\"")
                    .contains("{\"name\":\"backup\",\"state\":\"active\"");
            try (JmsProbe probe = new JmsProbe(lab)) {
                assertThat(probe.drain(1000)).containsExactlyInAnyOrderElementsOf(ids("during", 30));
            }
        }
    }
}
