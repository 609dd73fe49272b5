package io.github.artemishalab.clients.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed event types write exactly the lines the ledger format has always had, and read them back. */
class LedgerFormatTest {

    @TempDir
    Path tmp;

    private static final List<String> LINES = List.of(
            "{\"t\":1,\"ev\":\"start\",\"role\":\"sender\",\"client\":\"s\",\"delivery\":\"exactly-once\",\"detail\":\"tcp://x\"}",
            "{\"t\":2,\"ev\":\"send\",\"client\":\"s\",\"seq\":7,\"attempt\":1,\"outcome\":\"unknown\",\"detail\":\"AMQ219016\"}",
            "{\"t\":3,\"ev\":\"recv\",\"client\":\"r\",\"sender\":\"s\",\"seq\":7,\"redelivered\":false}",
            "{\"t\":4,\"ev\":\"dedup\",\"client\":\"r\",\"sender\":\"s\",\"seq\":7,\"redelivered\":true}",
            "{\"t\":5,\"ev\":\"commit\",\"client\":\"r\",\"outcome\":\"ok\"}",
            "{\"t\":6,\"ev\":\"failover\",\"client\":\"s\",\"kind\":\"FAILURE_DETECTED\"}",
            "{\"t\":7,\"ev\":\"fault\",\"kind\":\"kill\",\"node\":\"primary\"}",
            "{\"t\":8,\"ev\":\"fault\",\"kind\":\"start\",\"node\":\"primary\",\"round\":3}",
            "{\"t\":9,\"ev\":\"state\",\"kind\":\"active\",\"node\":\"backup\"}",
            "{\"t\":10,\"ev\":\"end\",\"client\":\"r\",\"kind\":\"drained\"}");

    private static final List<LedgerEvent> EVENTS = List.of(
            LedgerEvent.start(1, "sender", "s", "exactly-once", "tcp://x"),
            LedgerEvent.send(2, "s", 7, 1, LedgerEvent.UNKNOWN, "AMQ219016"),
            LedgerEvent.recv(3, "r", "s", 7, false),
            LedgerEvent.dedup(4, "r", "s", 7, true),
            LedgerEvent.commit(5, "r", LedgerEvent.OK, null),
            LedgerEvent.failover(6, "s", "FAILURE_DETECTED"),
            LedgerEvent.fault(7, "kill", "primary"),
            LedgerEvent.fault(8, "start", "primary", 3),
            LedgerEvent.state(9, "backup", "active"),
            LedgerEvent.end(10, "r", "drained"));

    @Test
    void eachEventWritesTheLineTheFormatAlwaysHad() {
        Path file = tmp.resolve("l.jsonl");
        try (Ledger ledger = Ledger.open(file)) {
            EVENTS.forEach(ledger::append);
        }
        assertThat(file).hasContent(String.join("\n", LINES));
    }

    @Test
    void linesReadBackAsTheirTypedEventsAndAHalfLineOrAnUnknownTypeIsSkipped() throws Exception {
        Path file = tmp.resolve("l.jsonl");
        Files.writeString(file, String.join("\n", LINES) + "\n{\"t\":11,\"ev\":\"telepathy\"}\n{\"t\":12,\"ev\":\"se");
        assertThat(Ledger.read(file)).containsExactlyElementsOf(EVENTS);
        assertThat(Ledger.read(file).get(1)).isInstanceOf(LedgerEvent.Send.class);
    }
}
