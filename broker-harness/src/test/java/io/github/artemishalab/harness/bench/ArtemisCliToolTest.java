package io.github.artemishalab.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtemisCliToolTest {

    @TempDir
    Path tmp;

    @Test
    void anOfflineMachineGetsOneLineThatSaysWhyAndThatStockIsLeftOut() throws Exception {
        Files.createDirectories(tmp.resolve("benches/artemis-cli"));
        Files.writeString(tmp.resolve(ArtemisCliTool.POM), "<project/>");
        // what Maven prints when the registry cannot be reached
        List<String> offline = List.of("sh", "-c", "echo '[INFO] Scanning'; echo '[ERROR] Failed to execute goal on "
                + "project artemis-cli-tool: Could not resolve dependencies: Network is unreachable -> [Help 1]'; exit 1",
                "mvn");
        assertThatThrownBy(() -> ArtemisCliTool.fetch(tmp, tmp.resolve("cache"), offline))
                .isInstanceOf(ArtemisCliTool.Unavailable.class)
                .hasMessageStartingWith("Artemis's CLI (org.apache.activemq:artemis-cli:2.44.0) could not be fetched: "
                        + "Failed to execute goal on project artemis-cli-tool: Could not resolve dependencies: Network "
                        + "is unreachable (")
                .hasMessageEndingWith("; the stock figures are left out")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingMavenIsOneLineToo() {
        assertThatThrownBy(() -> ArtemisCliTool.fetch(tmp, tmp.resolve("cache"), List.of(tmp + "/no-such-mvnw")))
                .isInstanceOf(ArtemisCliTool.Unavailable.class).hasMessageContaining("could not be fetched")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCachedClasspathIsReusedWithoutMavenWhileItsJarsAreThere() throws Exception {
        Path cli = Files.createFile(tmp.resolve("artemis-cli-2.44.0.jar"));
        Path amqp = Files.createFile(tmp.resolve("artemis-amqp-protocol-2.55.0.jar"));
        Files.createDirectories(tmp.resolve("cache/cli"));
        Files.createDirectories(tmp.resolve("cache/protocols"));
        Files.writeString(tmp.resolve("cache/cli/classpath.txt"), cli.toString());
        Files.writeString(tmp.resolve("cache/protocols/classpath.txt"), amqp.toString());
        ArtemisCliTool tool = ArtemisCliTool.fetch(tmp, tmp.resolve("cache"), List.of("false"));
        assertThat(tool.protocolClasspath()).isEqualTo(amqp.toString());
        assertThat(tool.command(List.of("create", "x"))).contains(ArtemisCliTool.MAIN, cli.toString(), "create");
    }

    @Test
    void mavenReasonFallsBackToTheLastLine() {
        assertThat(ArtemisCliTool.mavenReason(List.of("a", "b: Connection refused", ""))).isEqualTo(
                "b: Connection refused");
        assertThat(ArtemisCliTool.mavenReason(List.of())).isEqualTo("Maven failed without a word");
    }
}
