package io.github.artemishalab.clients.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSON Lines file of {@link LedgerEvent}s. Every line is written with one {@code write} call and
 * flushed to the OS at once, so a client killed with SIGKILL keeps every line it finished; a line cut short by the
 * kill is skipped on reading.
 */
public final class Ledger implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final OutputStream out;

    private Ledger(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it and its folder if needed. */
    public static Ledger open(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new Ledger(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one event. Thread-safe: the sender's failover listener writes from Artemis's threads. */
    public synchronized void append(LedgerEvent event) {
        try {
            byte[] line = (MAPPER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ledger " + file, e);
        }
    }

    /** Reads every complete line of a ledger; a missing file is an empty ledger, a malformed line is skipped. */
    public static List<LedgerEvent> read(Path file) {
        List<LedgerEvent> events = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(MAPPER.readValue(line, LedgerEvent.class));
                } catch (JsonProcessingException truncated) {
                    // a client killed mid-write leaves half a line: it recorded nothing complete there
                }
            }
        } catch (NoSuchFileException e) {
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + file, e);
        }
        return events;
    }
}
