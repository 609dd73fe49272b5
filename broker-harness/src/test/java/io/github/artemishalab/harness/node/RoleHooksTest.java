package io.github.artemishalab.harness.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.lab.NodeState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleHooksTest {

    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    @Test
    void runsTheActiveAndBackupCommandsOncePerRoleWithTheNodeInTheEnvironment() throws IOException {
        Path calls = dir.resolve("calls");
        String record = "echo \"$LAB_NODE $LAB_ROLE $LAB_STATE $LAB_URL\" >> " + calls;
        RoleHooks hooks = new RoleHooks("backup", record, record, "tcp://127.0.0.1:61716", new PrintWriter(log));
        hooks.changed(NodeState.STARTING);
        hooks.changed(NodeState.BACKUP);
        hooks.changed(NodeState.BACKUP_IN_SYNC); // still a backup: no second run
        hooks.changed(NodeState.STARTING);
        hooks.changed(NodeState.ACTIVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(calls)
                && Files.readAllLines(calls).size() == 2);
        assertThat(Files.readAllLines(calls)).containsExactly(
                "backup backup backup tcp://127.0.0.1:61716",
                "backup active active tcp://127.0.0.1:61716");
        assertThat(hooks.failure()).isNull();
    }

    @Test
    void aFailingHookIsReportedAndNothingElseHappens() {
        RoleHooks hooks = new RoleHooks("primary", "echo no; exit 3", null, "tcp://x:1", new PrintWriter(log));
        hooks.changed(NodeState.ACTIVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> hooks.failure() != null);
        assertThat(hooks.failure()).startsWith("on-active exited 3 at ");
        hooks.changed(NodeState.BACKUP); // no on-backup hook: nothing runs, the failure stays reported
        assertThat(hooks.failure()).startsWith("on-active exited 3");
        assertThat(log.toString()).contains("on-active hook: echo no; exit 3", "(the broker carries on)");
    }

    @Test
    void theHookDoesNotSeeTheClusterCredentialsNorTheTlsPassword() {
        RoleHooks hooks = new RoleHooks("primary", "true", null, "tcp://h:1", new PrintWriter(log));
        assertThat(hooks.environment(java.util.Map.of("LAB_CLUSTER_PASSWORD", "secret", "LAB_CLUSTER_USER", "c",
                "LAB_TLS_PASSWORD", "t", "PATH", "/bin"), "active", NodeState.ACTIVE)).containsEntry("PATH", "/bin")
                .containsEntry("LAB_NODE", "primary").containsEntry("LAB_ROLE", "active")
                .containsEntry("LAB_STATE", "active").containsEntry("LAB_URL", "tcp://h:1")
                .doesNotContainKeys("LAB_CLUSTER_PASSWORD", "LAB_CLUSTER_USER", "LAB_TLS_PASSWORD");
    }

    @Test
    void theStateJournalKeepsEveryChangeInOrder() throws IOException {
        StateJournal journal = new StateJournal(dir.resolve(StateJournal.FILE));
        journal.append(new StateJournal.Entry("primary", NodeState.STARTING, 1, 7));
        journal.append(new StateJournal.Entry("primary", NodeState.ACTIVE, 2, 7));
        Files.writeString(dir.resolve(StateJournal.FILE), "{\"node\":\"prim", java.nio.file.StandardOpenOption.APPEND);
        assertThat(StateJournal.read(dir.resolve(StateJournal.FILE))).containsExactly(
                new StateJournal.Entry("primary", NodeState.STARTING, 1, 7),
                new StateJournal.Entry("primary", NodeState.ACTIVE, 2, 7));
        assertThat(StateJournal.read(dir.resolve("none.jsonl"))).isEmpty();
    }
}
