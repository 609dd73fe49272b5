package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.cli.LabCommand;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.topology.Mode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line and a non-zero exit, and touches nothing. No broker is started here. */
class LabCliTest {

    @TempDir
    Path tmp;

    private Cli labWithConfig() {
        LabDirectory dir = new LabDirectory(tmp.resolve("lab"));
        LabConfig config = LabConfig.create(Mode.REPLICATION, "127.0.0.1", PortCheck.freePortPair("127.0.0.1"), true);
        dir.prepare(config);
        dir.save(config);
        return new Cli(dir.root());
    }

    private static void assertOneLineError(Cli.Result r, int exitCode, String fragment) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(exitCode);
        assertThat(r.err()).startsWith("lab: ").contains(fragment).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void unknownNodeNameIsRefused() {
        Cli lab = labWithConfig();
        assertOneLineError(lab.run("kill", "tertiary"), 2, "unknown node 'tertiary': this lab has primary and backup");
        assertOneLineError(lab.run("start", "tertiary"), 2, "unknown node 'tertiary'");
    }

    @Test
    void networkCommandsRefuseBadSidesAndSayWhatIsMissing() {
        Cli lab = labWithConfig();
        assertOneLineError(lab.run("partition", "primary", "tertiary"), 2, "unknown node 'tertiary'");
        assertOneLineError(lab.run("partition", "primary", "primary"), 2, "two different sides");
        assertOneLineError(lab.run("partition", "clients", "clients"), 2, "two different sides");
        assertOneLineError(lab.run("isolate", "tertiary"), 2, "unknown node 'tertiary'");
        assertThat(lab.run("delay", "backup", "soon").err()).contains("'soon' is not a duration");
        assertThat(lab.run("heal", "primary").err()).contains("heal takes no side (all links) or two (A B)");
        assertThat(lab.run("isolate", "primary", "--drop", "--reset").err()).contains("mutually exclusive");
        assertOneLineError(lab.run("partition", "primary", "backup"), 2, "the fault proxy of this lab is not running");
    }

    @Test
    void aLabWithoutTheFaultProxySaysItsLinksCannotBeCut() {
        LabDirectory dir = new LabDirectory(tmp.resolve("direct"));
        LabConfig config = LabConfig.create(Mode.REPLICATION, "127.0.0.1", PortCheck.freePortPair("127.0.0.1"), true,
                false);
        dir.prepare(config);
        dir.save(config);
        assertOneLineError(new Cli(dir.root()).run("isolate", "primary"), 2, "runs without the fault proxy");
    }

    @Test
    void commandsOnAMissingLabSayHowToStartOne() {
        Cli lab = new Cli(tmp.resolve("nothing-here"));
        assertOneLineError(lab.run("status"), 2, "no lab in");
        assertThat(tmp.resolve("nothing-here")).doesNotExist();
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = new Cli(tmp).run("up", "--colour", "blue");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("lab: Unknown options: '--colour', 'blue'").contains("Try 'lab up --help'");
    }

    @Test
    void aBasePortOutOfRangeIsAUsageErrorThatGivesTheRange() {
        assertOneLineError(new Cli(tmp.resolve("lab")).run("up", "--base-port", "70000"), 2,
                "base port 70000 is out of range: a replication lab needs ports N to N+100, so N must be between 1 and 65435");
        assertOneLineError(new Cli(tmp.resolve("lab")).run("drill", "--base-port", "0"), 2, "base port 0 is out of range");
        assertThat(tmp.resolve("lab")).doesNotExist();
    }

    @Test
    void aDrillRefusesAFaultItsModeDoesNotTakeBeforeAnythingStarts() {
        Cli lab = new Cli(tmp.resolve("lab"));
        assertOneLineError(lab.run("drill", "--mode", "cluster-of-pairs", "--faults", "kill-any,isolate-any"), 2,
                "isolate-any is a fault of --mode cluster and cluster-of-shared-store-pairs: a cut of a pair's active "
                        + "node gives that pair a split brain");
        assertOneLineError(lab.run("drill", "--mode", "cluster", "--faults", "isolate-active"), 2,
                "isolate-active is a fault of a pair; a cluster drill takes kill-active, stop-active, kill-any, "
                        + "stop-any, isolate-any and partition-any");
        assertThat(tmp.resolve("lab").resolve("runs")).doesNotExist();
    }

    @Test
    void unknownModeIsAUsageError() {
        Cli.Result r = new Cli(tmp).run("up", "--mode", "colocated");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown mode 'colocated'").contains("shared-store, replication");
    }

    @Test
    void busyPortIsNamedBeforeAnythingStarts() throws Exception {
        Cli lab = new Cli(tmp.resolve("lab"));
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", lab.basePort() + 100));
            Cli.Result r = lab.run("up", "--mode", "shared-store", "--base-port", Integer.toString(lab.basePort()));
            assertOneLineError(r, 2, "port " + (lab.basePort() + 100) + " on 127.0.0.1 (backup) is already in use");
        }
        assertThat(tmp.resolve("lab").resolve("nodes")).doesNotExist();
    }

    @Test
    void aDifferentModeOnAnExistingLabIsRefusedAndKeepsItsData() throws Exception {
        Cli lab = labWithConfig();
        Path marker = lab.dir().resolve("nodes/primary/data/keep-me");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "journal");
        Cli.Result r = lab.run("up", "--mode", "shared-store");
        assertOneLineError(r, 2, "holds a replication lab");
        assertThat(marker).hasContent("journal");
    }

    @Test
    void aLabDirectoryInUseByAnotherCommandIsRefusedAndNamesIt() {
        Cli lab = labWithConfig();
        try (LabDirectory.LabLock held = new LabDirectory(lab.dir()).lock("drill")) {
            Cli.Result r = lab.run("up", "--mode", "replication");
            assertOneLineError(r, 2, "is in use by lab drill (pid " + ProcessHandle.current().pid() + ")");
            assertOneLineError(lab.run("start", "primary"), 2, "is in use by lab drill");
        }
        assertThat(lab.dir().resolve("nodes/primary/pid.json")).doesNotExist();
    }

    @Test
    void malformedBrokerXmlGivesFileLineAndReason() throws Exception {
        Path bad = tmp.resolve("broker.xml");
        Files.writeString(bad, """
                <?xml version="1.0"?>
                <configuration xmlns="urn:activemq">
                  <core xmlns="urn:activemq:core">
                    <persistence-enabled>perhaps</persistence-enabled>
                  </core>
                </configuration>
                """);
        Cli.Result r = new Cli(tmp).run("node", "--config", bad.toString(), "--name", "primary",
                "--status-file", tmp.resolve("status.json").toString());
        assertOneLineError(r, 2, bad + ":4:");
        assertThat(r.err()).contains("perhaps");
    }

    @Test
    void brokenXmlSyntaxGivesFileAndLine() throws Exception {
        Path bad = tmp.resolve("broken.xml");
        Files.writeString(bad, "<configuration xmlns=\"urn:activemq\">\n  <core xmlns=\"urn:activemq:core\">\n"
                + "  </coer>\n</configuration>\n");
        Cli.Result r = new Cli(tmp).run("node", "--config", bad.toString(), "--name", "primary",
                "--status-file", tmp.resolve("status.json").toString());
        assertOneLineError(r, 2, bad + ":3:");
    }

    @Test
    void missingBrokerXmlIsNamed() {
        Path none = tmp.resolve("none.xml");
        Cli.Result r = new Cli(tmp).run("node", "--config", none.toString(), "--name", "primary");
        assertOneLineError(r, 2, none + " does not exist");
    }

    @Test
    void everyCommandHasHelp() {
        Set<String> commands = LabCommand.commandLine().getSubcommands().keySet();
        assertThat(commands).contains("up", "drill", "bench", "verify", "send", "receive");
        for (String cmd : commands) {
            Cli.Result r = new Cli(tmp).run(cmd, "--help");
            assertThat(r.exitCode()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: lab " + cmd);
        }
    }
}
