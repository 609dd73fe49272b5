package io.github.artemishalab.harness.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.NodeState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's own record of its state changes, {@code nodes/<name>/states.jsonl}: one line per change, written by the
 * node process at the moment it sees the change (an activation is written from Artemis's own activation callback).
 * Unlike the lab's polling of {@code status.json}, it has no gaps: what a "never two active" check is made from.
 */
public final class StateJournal {

    public static final String FILE = "states.jsonl";

    /**
     * One change.
     *
     * @param node  the node's name
     * @param state the state it entered
     * @param at    when (epoch ms)
     * @param pid   the process that wrote it: a new pid is a new run of the node
     */
    public record Entry(String node, NodeState state, long at, long pid) {
    }

    private final Path file;

    public StateJournal(Path file) {
        this.file = file;
    }

    /** Appends one line; the file is opened and closed each time, so that a kill -9 leaves whole lines. */
    public synchronized void append(Entry e) {
        try {
            Files.writeString(file, Json.compact(e) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException("cannot write " + file, ex);
        }
    }

    /** Every whole line of {@code file}, in order; none if there is no file. */
    public static List<Entry> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(Json.MAPPER.readValue(line, Entry.class));
            } catch (JsonProcessingException torn) {
                // the last line of a node killed while writing it
            }
        }
        return entries;
    }
}
