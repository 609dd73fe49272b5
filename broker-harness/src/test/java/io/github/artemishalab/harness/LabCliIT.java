package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's promises that need real nodes: busy labs, dying nodes, Ctrl-C, a missing Java. */
class LabCliIT {

    @TempDir
    Path tmp;

    @Test
    void aSecondUpOnARunningLabIsRefusedAndTheFirstKeepsRunning() {
        try (Cli lab = new Cli(tmp.resolve("lab"))) {
            lab.up("shared-store");
            long pid = lab.lab().node("primary").pid();
            Cli.Result again = lab.run("up", "--mode", "shared-store");
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).contains("already runs a pair").contains("primary pid " + pid);
            assertThat(lab.lab().node("primary").pid()).isEqualTo(pid);
            assertThat(lab.lab().node("primary").state()).isEqualTo(NodeState.ACTIVE);

            Cli.Result status = lab.ok("status");
            assertThat(status.out()).containsPattern("primary +active +" + pid)
                    .containsPattern("backup +backup +\\d+").contains("HA URL").contains(lab.lab().password());
        }
    }

    @Test
    void aNodeThatDiesWhileStartingIsReportedWithItsLog() throws Exception {
        try (Cli lab = new Cli(tmp.resolve("lab"))) {
            lab.up("shared-store");
            lab.ok("down");
            Path config = lab.dir().resolve("configs/shared-store/primary.xml");
            String xml = Files.readString(config);
            Files.writeString(config, xml.replace("<persistence-enabled>true</persistence-enabled>",
                    "<persistence-enabled>sometimes</persistence-enabled>"));

            Cli.Result r = lab.run("up", "--mode", "shared-store", "--base-port", Integer.toString(lab.basePort()));
            assertThat(r.exitCode()).isEqualTo(4);
            assertThat(r.err()).startsWith("lab: node primary stopped while waiting for the pair to be ready")
                    .contains(config + ":").contains("sometimes").doesNotContain("\tat ");
            assertThat(lab.lab().node("backup").state()).as("the other node is not left behind").isEqualTo(NodeState.STOPPED);
        }
    }

    @Test
    void ctrlCDuringUpLeavesNoNodeBehind() throws Exception {
        Path labDir = tmp.resolve("lab");
        LabDirectory dir = new LabDirectory(labDir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("lab.classpath"), "io.github.artemishalab.harness.cli.LabMain", "up",
                "--mode", "replication", "--lab-dir", labDir.toString(), "--base-port",
                Integer.toString(PortCheck.freePortPair("127.0.0.1"))));
        Process up = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("up.out").toFile()).start();
        List<ProcessRecord> nodes = new ArrayList<>();
        try {
            await("both nodes started").atMost(Duration.ofSeconds(30)).until(() ->
                    dir.readPid("primary").isPresent() && dir.readPid("backup").isPresent());
            nodes.add(dir.readPid("primary").orElseThrow());
            nodes.add(dir.readPid("backup").orElseThrow());
            new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).inheritIO().start().waitFor();
            await("lab up exits").atMost(Duration.ofSeconds(20)).until(() -> !up.isAlive());
            await("no node left").atMost(Duration.ofSeconds(10))
                    .until(() -> nodes.stream().map(ProcessRecord::alive).noneMatch(Optional::isPresent));
        } finally {
            up.destroyForcibly();
            nodes.forEach(n -> n.alive().ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void theLabScriptExplainsAMissingJava() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("lab");
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), "--version").redirectErrorStream(true);
        pb.environment().put("LAB_JAVA", "/no/such/java");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(4);
        assertThat(out.strip()).startsWith("lab: no Java found").contains("Java 17");
        assertThat(out.strip().lines().count()).isEqualTo(1);
        assertThat(new File(script.toString())).exists();
    }
}
