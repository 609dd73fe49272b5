package io.github.artemishalab.harness.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetachedProcessTest {

    @TempDir
    Path tmp;

    @Test
    void aDetachedProcessRunsOutsideThisJvmWritesToItsLogAndIsKilledAndAwaited() throws Exception {
        Path log = tmp.resolve("out.log");
        ProcessRecord record = DetachedProcess.start(List.of("/bin/sh", "-c", "echo \"hello $LAB_TEST\"; exec sleep 30"),
                tmp, log, Map.of("LAB_TEST", "there"));
        ProcessHandle p = record.alive().orElseThrow();
        try {
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).doesNotContain(p.pid());
            assertThat(DetachedProcess.awaitExit(p, Duration.ofMillis(50))).as("still running").isFalse();
            await("its output in the log").atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(log).contains("hello there"));
        } finally {
            DetachedProcess.kill(p);
        }
        assertThat(DetachedProcess.ended(p)).isTrue();
        assertThat(record.alive()).isEmpty();
    }

    @Test
    void aProcessThatEndsAtOnceIsNotAlive() throws Exception {
        ProcessRecord record = DetachedProcess.start(List.of("/bin/sh", "-c", "exit 3"), tmp, tmp.resolve("log"),
                Map.of());
        ProcessHandle.of(record.pid()).ifPresent(p -> DetachedProcess.awaitExit(p, Duration.ofSeconds(10)));
        assertThat(record.alive()).isEmpty();
    }
}
