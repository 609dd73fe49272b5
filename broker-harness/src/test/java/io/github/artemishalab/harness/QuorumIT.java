package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.drill.Drill;
import io.github.artemishalab.harness.drill.DrillOptions;
import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.drill.NetFaults;
import io.github.artemishalab.harness.drill.RoundResult;
import io.github.artemishalab.harness.drill.RunFolder;
import io.github.artemishalab.harness.lab.Conditions;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.net.Cut;
import io.github.artemishalab.harness.node.StateJournal;
import io.github.artemishalab.harness.tls.TlsOptions;
import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * replication-zk: a real 3-server ZooKeeper ensemble (each server its own JVM) decides which broker may be active.
 * The cuts that give a split brain without a quorum give exactly one active broker here, by the nodes' own records.
 */
class QuorumIT {

    /** Longer than the brokers' 18 s ZooKeeper session: the cut costs the isolated node its lock. */
    private static final Duration HOLD = Duration.ofSeconds(25);

    @TempDir
    Path tmp;

    @Test
    void cutsAndAZooKeeperLeadersDeathNeverGiveTwoActiveBrokersThatClientsReachAndLoseNothing() throws Exception {
        RunFolder run = new RunFolder(tmp.resolve("run"));
        Drill drill = new Drill(new DrillOptions(Mode.REPLICATION_ZK,
                List.of(FaultKind.ISOLATE_ACTIVE, FaultKind.PARTITION_REPLICATION, FaultKind.KILL_ZK_LEADER), 3, null,
                null, 100, Delivery.EXACTLY_ONCE, null, true,
                PortCheck.freeBasePort("127.0.0.1", Mode.REPLICATION_ZK), Duration.ofSeconds(90),
                ClientConfig.DEFAULT_WATCHDOG, new NetFaults(true, Cut.DROP, HOLD, Duration.ZERO)),
                tmp.resolve("pair"), run, false);
        DrillResult r = drill.run(() -> false);
        assertThat(r.note()).isNull();
        ContinuityReport c = r.continuity();
        assertThat(c.lost()).isZero();
        assertThat(c.duplicated()).isZero();
        assertThat(r.verdict()).isEqualTo("ok");
        assertThat(r.activeOverlaps()).as("read from every broker's states.jsonl").isNotNull();
        assertThat(r.activeOverlaps().changes()).isGreaterThan(10);
        // A silent isolation races the isolated primary's own give-up (its ZooKeeper client's attempt on the next
        // server times out a third of a session after it stopped hearing) against the ensemble's expiry of its
        // session (which frees the lock): the primary can still be active for a fraction of a second after the
        // backup took over. It is cut from every client then, so no client sees two active brokers.
        assertThat(r.activeOverlaps().reachable()).as("never two active brokers that clients could reach").isEmpty();
        assertThat(r.activeOverlaps().overlaps()).allSatisfy(o -> assertThat(o.millis()).isLessThan(2_000));

        RoundResult isolate = r.rounds().get(0);
        assertThat(isolate.takeoverMs()).as("the backup takes the lock once the isolated primary's session expires")
                .isNotNull().isBetween(10_000L, HOLD.toMillis());
        RoundResult partition = r.rounds().get(1);
        assertThat(partition.takeoverMs()).as("the primary keeps its lock: the backup cannot take over").isNull();
        RoundResult leader = r.rounds().get(2);
        assertThat(leader.takeoverMs()).isNull();
        List<StateJournal.Entry> primary = StateJournal.read(run.logs().resolve("primary.states.jsonl"));
        List<StateJournal.Entry> backup = StateJournal.read(run.logs().resolve("backup.states.jsonl"));
        assertThat(changesBetween(primary, leader.at(), leader.restartAt() + leader.failbackMs()))
                .as("one ZooKeeper server killed: the brokers do not notice").isEmpty();
        assertThat(changesBetween(backup, leader.at(), leader.restartAt() + leader.failbackMs())).isEmpty();

    }

    @Test
    void statusNamesTheLockHolderAndTheHooksRunOnEveryRoleChange() throws Exception {
        Path hookLog = tmp.resolve("hooks.log");
        String hook = "echo \"$LAB_NODE $LAB_ROLE\" >> " + hookLog;
        // over TLS with client certificates, the ensemble's links too: the brokers' lock managers and status's lock
        // reading are TLS clients of a TLS-only ensemble, whose servers speak TLS among themselves
        try (Lab lab = Lab.builder().mode(Mode.REPLICATION_ZK).dir(tmp.resolve("lab")).hooks(hook, hook)
                .tls(new TlsOptions(true, true)).build().start(); Cli cli = new Cli(tmp.resolve("lab"))) {
            Path zooCfg = tmp.resolve("lab/nodes/zk1/data/zoo.cfg");
            assertThat(Files.readString(zooCfg)).contains("secureClientPort=").doesNotContain("\nclientPort=")
                    .contains("sslQuorum=true").contains("ssl.clientAuth=need");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(zooCfg)))
                    .as("zoo.cfg holds the stores' password").isEqualTo("rw-------");
            JsonNode status = Json.MAPPER.readTree(cli.ok("status", "--json").out());
            assertThat(status.at("/ensemble/serving").asInt()).isEqualTo(3);
            assertThat(status.at("/ensemble/leader").asText()).startsWith("zk");
            assertThat(status.at("/ensemble/lockHolder").asText()).isEqualTo("primary");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(hookLog)
                    && Files.readAllLines(hookLog).containsAll(List.of("primary active", "backup backup")));

            // the primary cut from the ensemble only: it still reaches its backup and its clients, and stops
            cli.ok("partition", "primary", "zk");
            lab.await(Conditions.state("backup", NodeState.ACTIVE).within(Duration.ofSeconds(40)));
            lab.await(Conditions.state("primary", NodeState.STOPPED).within(Duration.ofSeconds(10)));
            Cli.Result after = cli.ok("status");
            assertThat(after.out()).contains("lock        held by backup")
                    .contains("primary: the broker stopped itself");
            cli.ok("heal");
            cli.ok("start", "primary");
            lab.await(Conditions.failedBack().within(Duration.ofSeconds(60)));
            assertThat(Json.MAPPER.readTree(cli.ok("status", "--json").out()).at("/ensemble/lockHolder").asText())
                    .isEqualTo("primary");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(hookLog).containsAll(List.of(
                    "backup active", "primary backup")) && Files.readAllLines(hookLog).stream()
                    .filter(l -> l.equals("primary active")).count() == 2);

            // two of three ZooKeeper servers gone: the active broker stops itself, and nobody takes over
            long killedAt = System.currentTimeMillis();
            cli.ok("kill", "zk1");
            cli.ok("kill", "zk2");
            lab.await(Conditions.state("primary", NodeState.STOPPED).within(Duration.ofSeconds(40)));
            assertThat(System.currentTimeMillis() - killedAt).as("within a session and a third").isLessThan(30_000);
            Cli.Result none = cli.run("status");
            assertThat(none.exitCode()).as(none.out()).isEqualTo(1);
            assertThat(none.out()).contains("NO QUORUM").contains("No node is active");
            List<StateJournal.Entry> backup = StateJournal.read(tmp.resolve("lab/nodes/backup/states.jsonl"));
            assertThat(changesBetween(backup, killedAt, System.currentTimeMillis()))
                    .extracting(StateJournal.Entry::state).doesNotContain(NodeState.ACTIVE);
            // the majority back, and the stopped broker started as a service manager would: one active again
            cli.ok("start", "zk1");
            cli.ok("start", "zk2");
            lab.start(n -> !n.running());
            lab.await(Conditions.ready().within(Duration.ofSeconds(90)));
            assertThat(cli.run("status").exitCode()).isZero();
        }
    }

    private static List<StateJournal.Entry> changesBetween(List<StateJournal.Entry> entries, long from, long to) {
        return entries.stream().filter(e -> e.at() > from && e.at() < to).toList();
    }
}
