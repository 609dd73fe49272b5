package io.github.artemishalab.harness.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopNoticesTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<String> notices = new ArrayList<>();
    private final StopNotices out = new StopNotices(log, notices::add);

    @Test
    void passesEveryByteToTheLogAndPicksOutWhatArtemisSaysWhenItStopsABrokerForGood() throws IOException {
        String text = """
                13:32:30.284 [AMQ229000] INFO server - AMQ221070: Restarting as backup based on quorum vote results.
                13:32:31.452 [AMQ229000] WARN server - AMQ222009: Unable to announce backup for replication. Trying to stop the server.
                13:32:31.454 [AMQ229000] ERROR ReplicationBackupActivation - Stopping broker because of critical registration error
                10:01:02.003 [Curator] ERROR ReplicationPrimaryActivation - Quorum UNAVAILABLE: async stopping broker.
                """;
        // written in pieces, as a logger does
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, 100);
        out.write(bytes, 100, bytes.length - 100);

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(notices).containsExactly(
                "13:32:31.454 [AMQ229000] ERROR ReplicationBackupActivation - Stopping broker because of critical "
                        + "registration error",
                "10:01:02.003 [Curator] ERROR ReplicationPrimaryActivation - Quorum UNAVAILABLE: async stopping broker.");
    }

    @Test
    void aRestartAsBackupIsNoNotice() throws IOException {
        out.write("INFO ReplicationBackupActivation - Replication failure while initial sync not yet completed: restart as backup\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(notices).isEmpty();
    }
}
