package io.github.artemishalab.harness.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.ProcessRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartAfterTest {

    @TempDir
    Path tmp;

    private final PrintWriter out = new PrintWriter(new StringWriter());

    @Test
    void holdsUntilThePrimaryHasWrittenTheNodeId() throws Exception {
        Path status = tmp.resolve("status.json");
        ProcessRecord self = ProcessRecord.of(ProcessHandle.current());
        Json.writeAtomically(status, status(self, NodeState.STARTING, null));
        CompletableFuture<Void> held = CompletableFuture.runAsync(
                () -> StartAfter.await(status, Duration.ofSeconds(30), out));

        assertThat(held).isNotDone();
        Json.writeAtomically(status, status(self, NodeState.STARTING, "7f0e6a2c-node-id"));
        held.get(10, TimeUnit.SECONDS);
    }

    @Test
    void givesUpWhenThePrimaryEndedWithoutANodeId() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        ProcessRecord record = ProcessRecord.of(gone.toHandle());
        gone.waitFor();
        Path status = tmp.resolve("status.json");
        Json.writeAtomically(status, status(record, NodeState.STARTING, null));

        assertThatThrownBy(() -> StartAfter.await(status, Duration.ofSeconds(30), out))
                .isInstanceOf(LabException.class).hasMessageContaining("ended before it wrote its node id");
    }

    @Test
    void givesUpAfterTheTimeoutWhenNothingIsWritten() {
        assertThatThrownBy(() -> StartAfter.await(tmp.resolve("never.json"), Duration.ofMillis(100), out))
                .isInstanceOf(LabException.class).hasMessageContaining("no node id in");
    }

    private static NodeStatus status(ProcessRecord p, NodeState state, String nodeId) {
        long now = System.currentTimeMillis();
        return new NodeStatus("primary", state, p.pid(), p.startedAt(), "tcp://127.0.0.1:61616", nodeId, now, now,
                "2.55.0", 0, false, now, null, null, 0, 0, List.of());
    }
}
