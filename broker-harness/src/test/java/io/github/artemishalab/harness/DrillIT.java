package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueSender;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lab drill} end to end, and the verifier catching a loss that really happened. */
class DrillIT {

    @TempDir
    Path tmp;

    /**
     * Both HA modes over TLS (replication with client certificates too): TLS changes every link, so the failover and
     * failback rounds under exactly-once traffic are the test of it; the plain links have their drills elsewhere
     * (ContinuityIT, the worksheets).
     */
    @ParameterizedTest
    @ValueSource(strings = {"shared-store", "replication"})
    void aDrillOfKillAndStopRoundsHoldsAndItsTableMatchesResultsJson(String mode) throws Exception {
        Cli lab = new Cli(tmp.resolve("lab"));
        Cli.Result r = lab.run("drill", "--mode", mode, "--faults", "kill-primary,stop-primary", "--rounds", "2",
                "--base-port", Integer.toString(lab.basePort()), "--tls",
                mode.equals("replication") ? "--client-auth" : "--no-client-auth");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        Path latest = lab.dir().resolve("runs/latest");
        assertThat(latest).isSymbolicLink();
        JsonNode results = Json.MAPPER.readTree(latest.resolve("results.json").toFile());
        assertThat(results.get("verdict").asText()).isEqualTo("ok");
        assertThat(results.get("mode").asText()).isEqualTo(mode);
        assertThat(Files.readString(lab.dir().resolve("drill/lab.json"))).contains("\"enabled\" : true");
        assertThat(lab.dir().resolve("drill/tls/truststore.p12")).exists();
        JsonNode c = results.get("continuity");
        assertThat(c.get("lost").asInt()).isZero();
        assertThat(c.get("duplicated").asInt()).isZero();
        assertThat(r.out()).contains(String.format("sent %d, confirmed %d, received %d, lost 0, duplicated 0",
                c.get("sent").asInt(), c.get("confirmed").asInt(), c.get("received").asInt()));
        JsonNode rounds = results.get("rounds");
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(0).get("fault").asText()).isEqualTo("kill-active");
        assertThat(rounds.get(1).get("fault").asText()).isEqualTo("stop-active");
        for (JsonNode round : rounds) {
            assertThat(r.out()).containsPattern(round.get("round").asInt() + " +" + round.get("fault").asText()
                    + " +primary +\\S+ +" + round.get("takeoverMs").asLong() + " ms +" + round.get("sendGapMs").asLong()
                    + " ms");
        }
        assertThat(r.out()).contains("Verdict: OK (exit 0)");
        String html = Files.readString(latest.resolve("report.html"));
        assertThat(html).contains("id=\"timeline\"").contains("class=\"fault-window\"").contains("bucket-send");
        assertThat(latest.resolve("logs/primary.log")).exists();
        assertThat(latest.resolve("sender.jsonl")).exists();
        assertNoNodeLeft(lab.dir().resolve("drill"));
    }

    /** A 20-round {@code lab drill} process, returned once round 1 is under way, with its two nodes. */
    private record RunningDrill(Process process, List<ProcessRecord> nodes) implements AutoCloseable {
        @Override
        public void close() {
            process.destroyForcibly();
            nodes.forEach(n -> n.alive().ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private RunningDrill drillInRound1(Path labDir) throws Exception {
        Process drill = labProcess(labDir, List.of("drill", "--rounds", "20", "--base-port",
                Integer.toString(PortCheck.freePortPair("127.0.0.1"))), null);
        LabDirectory pair = new LabDirectory(labDir.resolve("drill"));
        List<ProcessRecord> nodes = new ArrayList<>();
        RunningDrill running = new RunningDrill(drill, nodes);
        try {
            await("round 1 under way").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(tmp.resolve("drill.out")).contains("round 1/20"));
            pair.readPid("primary").ifPresent(nodes::add);
            pair.readPid("backup").ifPresent(nodes::add);
            assertThat(nodes).hasSize(2);
            return running;
        } catch (Exception | AssertionError e) {
            running.close();
            throw e;
        }
    }

    @Test
    void ctrlCStopsTheDrillCleanlyAndStillWritesWhatItHas() throws Exception {
        Path labDir = tmp.resolve("lab");
        try (RunningDrill drill = drillInRound1(labDir)) {
            new ProcessBuilder("kill", "-INT", Long.toString(drill.process().pid())).start().waitFor();
            await("the drill exits").atMost(Duration.ofSeconds(90)).until(() -> !drill.process().isAlive());
            assertThat(drill.nodes().stream().map(ProcessRecord::alive)).allMatch(Optional::isEmpty);
            Path results = onlyRun(labDir).resolve("results.json");
            assertThat(results).exists();
            assertThat(Json.MAPPER.readTree(results.toFile()).get("note").asText()).contains("interrupted");
        }
    }

    @Test
    void nodesDoNotOutliveADrillKilledWithSigkill() throws Exception {
        try (RunningDrill drill = drillInRound1(tmp.resolve("lab"))) {
            drill.process().destroyForcibly(); // SIGKILL: no shutdown hook runs, only the nodes' watch on their owner
            await("the nodes exit by themselves").atMost(Duration.ofSeconds(5))
                    .until(() -> drill.nodes().stream().map(ProcessRecord::alive).allMatch(Optional::isEmpty));
        }
    }

    @Test
    void aPairThatCannotStartEndsTheDrillWithExit4AndNothingRunning() throws Exception {
        Path labDir = tmp.resolve("lab");
        Process drill = labProcess(labDir, List.of("drill", "--rounds", "1", "--base-port",
                Integer.toString(PortCheck.freePortPair("127.0.0.1"))), "-Xmx1k");
        assertThat(drill.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("drill.out"));
        assertThat(drill.exitValue()).as(out).isEqualTo(4);
        assertThat(out).contains("lab: node ").contains("stopped while waiting for the pair to be ready");
        assertNoNodeLeft(labDir.resolve("drill"));
    }

    @Test
    void theVerifierCatchesARealLoss() throws Exception {
        try (Cli lab = new Cli(tmp.resolve("lab"))) {
            lab.up("shared-store");
            LabDirectory dir = new LabDirectory(lab.dir());
            LabConfig config = dir.load();
            send(config, dir, "before", 100);
            lab.ok("down");
            // The journal is gone, as if the shared disk had been lost: every confirmed message with it.
            try (Stream<Path> files = Files.walk(lab.dir().resolve("shared/data/journal"))) {
                files.filter(Files::isRegularFile).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            lab.up("shared-store");
            send(config, dir, "after", 10);
            lab.ok("receive", "--idle-timeout", "2s");
            Cli.Result verify = lab.run("verify", "--json");
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
            JsonNode report = Json.MAPPER.readTree(verify.out());
            assertThat(report.get("confirmed").asInt()).isEqualTo(110);
            assertThat(report.get("received").asInt()).isEqualTo(10);
            assertThat(report.get("lost").asInt()).isEqualTo(100);
            assertThat(report.get("verdict").asText()).isEqualTo("violated");
        }
    }

    private static void send(LabConfig c, LabDirectory dir, String id, int count) throws Exception {
        ClientConfig cc = new ClientConfig(c.haUrl(), c.user().user(), c.user().password(), "exampleQueue",
                Delivery.EXACTLY_ONCE, dir.ledgers().resolve(id + ".jsonl"), id);
        QueueSender.Result r = new QueueSender(cc, count, 0, Progress.silent()).run(() -> false);
        assertThat(r.confirmed()).isEqualTo(count);
    }

    private Process labProcess(Path labDir, List<String> args, String nodeJvmOpts) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("lab.classpath"), "io.github.artemishalab.harness.cli.LabMain"));
        cmd.addAll(args);
        cmd.addAll(List.of("--lab-dir", labDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("drill.out").toFile());
        if (nodeJvmOpts != null) {
            pb.environment().put("LAB_NODE_JVM_OPTS", nodeJvmOpts);
        }
        return pb.start();
    }

    private static Path onlyRun(Path labDir) throws Exception {
        try (Stream<Path> runs = Files.list(labDir.resolve("runs"))) {
            List<Path> dirs = runs.filter(p -> !p.getFileName().toString().startsWith("latest")).toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    private static void assertNoNodeLeft(Path pairDir) {
        LabDirectory pair = new LabDirectory(pairDir);
        for (String n : List.of("primary", "backup")) {
            assertThat(pair.readPid(n).flatMap(ProcessRecord::alive)).as(n + " still running").isEmpty();
        }
    }
}
