package io.github.artemishalab.harness;

import static io.github.artemishalab.harness.lab.Conditions.failedBack;
import static io.github.artemishalab.harness.lab.Conditions.failedOver;
import static io.github.artemishalab.harness.lab.Conditions.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.Termination;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pair's behaviour in both modes, with real broker JVMs and real signals, through the {@link Lab} handle. */
class PairFailoverIT {

    private static final Duration TAKEOVER = Duration.ofSeconds(10);
    private static final Duration FAILBACK = Duration.ofSeconds(45);

    @TempDir
    Path tmp;

    private static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    private Lab pair(String modeId, boolean failback) {
        return Lab.builder().mode(Mode.parse(modeId)).dir(tmp.resolve("lab")).failback(failback).build().start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void killedPrimaryFailsOverAndFailsBackWithItsMessages(String modeId) throws Exception {
        Mode mode = Mode.parse(modeId);
        try (Lab lab = pair(modeId, true)) {
            Node primary = lab.node(Role.PRIMARY);
            Node backup = lab.node(Role.BACKUP);
            assertThat(primary.state()).isEqualTo(NodeState.ACTIVE);
            assertThat(backup.state()).isEqualTo(mode.readyBackupState());

            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("before", 20);
            }
            assertThat(lab.kill(Node::isActive)).extracting(Node::name).containsExactly(primary.name());
            assertThat(lab.node(primary.name()).state()).isEqualTo(NodeState.STOPPED);
            lab.await(failedOver().within(TAKEOVER));
            assertThat(lab.active().name()).isEqualTo(backup.name());

            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("during", 100);
            }

            lab.start(n -> n.is(Role.PRIMARY));
            lab.await(failedBack().within(FAILBACK));
            assertThat(lab.node(backup.name()).state()).isEqualTo(mode.readyBackupState());

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
        try (Lab lab = pair(modeId, true)) {
            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("before", 20);
            }
            List<Node> stopped = lab.stop(n -> n.is(Role.PRIMARY), Termination.GRACEFUL);
            assertThat(stopped).hasSize(1);
            assertThat(lab.node(Role.PRIMARY).state()).isEqualTo(NodeState.STOPPED);
            lab.await(state(lab.node(Role.BACKUP).name(), NodeState.ACTIVE).within(TAKEOVER));
            try (JmsProbe probe = new JmsProbe(lab)) {
                assertThat(probe.drain(1000)).containsExactlyInAnyOrderElementsOf(ids("before", 20));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void killedBackupRejoinsWhileThePrimaryServesThroughout(String modeId) throws Exception {
        Mode mode = Mode.parse(modeId);
        try (Lab lab = pair(modeId, true)) {
            long primaryPid = lab.node(Role.PRIMARY).pid();
            String backup = lab.node(Role.BACKUP).name();
            try (JmsProbe probe = new JmsProbe(lab)) {
                lab.kill(Node::isBackup);
                assertThat(lab.node(backup).state()).isEqualTo(NodeState.STOPPED);
                probe.send("alone", 50);
                assertThat(lab.node(Role.PRIMARY).state()).isEqualTo(NodeState.ACTIVE);

                lab.start(n -> n.name().equals(backup));
                lab.await(state(backup, mode.readyBackupState()).within(FAILBACK));
                probe.send("paired", 50);
                assertThat(lab.node(Role.PRIMARY).pid()).isEqualTo(primaryPid);
                assertThat(lab.node(Role.PRIMARY).state()).isEqualTo(NodeState.ACTIVE);

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
        try (Lab lab = pair(modeId, false)) {
            String primary = lab.node(Role.PRIMARY).name();
            String backup = lab.node(Role.BACKUP).name();
            lab.kill(Node::isActive);
            lab.await(state(backup, NodeState.ACTIVE).within(TAKEOVER));
            try (JmsProbe probe = new JmsProbe(lab)) {
                probe.send("during", 30);
            }

            lab.start(n -> n.name().equals(primary));
            lab.await(state(primary, mode.readyBackupState()).within(FAILBACK));
            await("primary stays " + mode.readyBackupState()).during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lab.node(primary).state() == mode.readyBackupState()
                            && lab.node(backup).state() == NodeState.ACTIVE);

            Cli.Result status = new Cli(lab.directory().root()).ok("status", "--json");
            assertThat(status.out())
                    .contains("{\"name\":\"primary\",\"state\":\"" + mode.readyBackupState().id() + "\"")
                    .contains("{\"name\":\"backup\",\"state\":\"active\"");
            try (JmsProbe probe = new JmsProbe(lab)) {
                assertThat(probe.drain(1000)).containsExactlyInAnyOrderElementsOf(ids("during", 30));
            }
        }
    }
}
