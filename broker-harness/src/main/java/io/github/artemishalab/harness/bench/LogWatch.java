package io.github.artemishalab.harness.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Copies a process's output to its log file and says when a marker (an Artemis message id) first appears in it, as
 * Testcontainers' {@code Wait.forLogMessage}: the bench waits on the line itself, not by polling the file.
 */
final class LogWatch {

    private final Map<String, CompletableFuture<Long>> seen = new LinkedHashMap<>();
    private final Deque<String> tail = new ArrayDeque<>();

    /** Starts reading {@code process}'s output at once; {@code markers} are what {@link #seen} can be asked for. */
    LogWatch(Process process, Path log, List<String> markers) {
        markers.forEach(m -> seen.put(m, new CompletableFuture<>()));
        Thread reader = new Thread(() -> read(process, log), "log-watch-" + log.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    /** Completes with {@link System#nanoTime()} when a line holds {@code marker}; fails when the output ends first. */
    CompletableFuture<Long> seen(String marker) {
        return seen.get(marker);
    }

    /** The last lines read, for a message that says why a broker never got ready. */
    synchronized String tail() {
        return String.join(" / ", tail);
    }

    private void read(Process process, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log)) {
            String read;
            while ((read = in.readLine()) != null) {
                String line = read;
                long at = System.nanoTime();
                out.write(line);
                out.write('\n');
                out.flush();
                remember(line);
                seen.forEach((marker, f) -> {
                    if (!f.isDone() && line.contains(marker)) {
                        f.complete(at);
                    }
                });
            }
        } catch (IOException e) {
            // the process was killed under the reader: what was seen stays seen
        }
        seen.values().forEach(f -> f.completeExceptionally(new IllegalStateException("its output ended")));
    }

    private synchronized void remember(String line) {
        tail.addLast(line.length() > 200 ? line.substring(0, 200) : line);
        if (tail.size() > 3) {
            tail.removeFirst();
        }
    }
}
