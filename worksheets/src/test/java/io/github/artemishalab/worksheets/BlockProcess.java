package io.github.artemishalab.worksheets;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code sh lab} block running as {@code sh -e -c TEXT}: in the foreground, or in the background as a terminal.
 * Its output (stdout and stderr together) goes to a log file, which output checks read while it runs.
 */
final class BlockProcess {

    private final Worksheet.Block block;
    private final String label;
    private final Process process;
    private final Path log;
    private final long startNanos = System.nanoTime();
    /** Every process of this block's tree seen so far, so that the teardown can prove each one is gone. */
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    /** Index of the first output line that later output checks of this block look at. */
    private int cursor;

    private BlockProcess(Worksheet.Block block, String label, Process process, Path log) {
        this.block = block;
        this.label = label;
        this.process = process;
        this.log = log;
        seen.add(process.toHandle());
    }

    static BlockProcess start(Worksheet.Block block, String label, Path workDir, Map<String, String> env, Path log) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-e", "-c", block.text());
        pb.directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Files.createDirectories(log.getParent());
            return new BlockProcess(block, label, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sh for the block at line " + block.line(), e);
        }
    }

    Worksheet.Block block() {
        return block;
    }

    /** "the command's output" or "terminal 2", for messages. */
    String label() {
        return label;
    }

    Path log() {
        return log;
    }

    int cursor() {
        return cursor;
    }

    void advanceTo(int next) {
        cursor = Math.max(cursor, next);
    }

    boolean running() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Waits for the foreground block to end; false if it did not within the timeout. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        remember();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The output so far as lines (see {@link OutputMatcher#lines}). While the block runs, a last line without its
     * line end yet is left out, so that a check never matches half a line.
     */
    List<String> lines() {
        boolean alive = running();
        String text = text();
        List<String> lines = OutputMatcher.lines(text);
        if (alive && !text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r") && !lines.isEmpty()) {
            lines = new ArrayList<>(lines.subList(0, lines.size() - 1));
        }
        return lines;
    }

    String text() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the block's current child processes (a process that has ended no longer lists its children). */
    void remember() {
        if (process.isAlive()) {
            process.toHandle().descendants().forEach(seen::add);
        }
    }

    /** SIGKILL to the block's shell and every process under it, and waits until each has ended. */
    void killTree() {
        remember();
        List<ProcessHandle> all = new ArrayList<>(seen);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // reported by the teardown's check that every process is gone
            }
        }
    }

    /** Every process of this block that is still alive. */
    List<ProcessHandle> alive() {
        remember();
        return seen.stream().filter(ProcessHandle::isAlive).toList();
    }
}
