package io.github.artemishalab.harness.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a lab process (a node, the fault proxy) detached: through a shell that puts it in the background, in a
 * session of its own, and ends at once. The process is then no child of this JVM, which waits on it only through
 * {@link ProcessHandle}s. A child would cost every command that launched one about 0.3 s at its exit: the JDK keeps a
 * process-reaper thread blocked in {@code waitpid} for each child, and a JVM's exit waits up to 300 ms for every
 * thread in native code. Whoever runs the lab reaps it once it ends (init, or a subreaper), as it already did for
 * nodes that outlived the command that started them.
 */
public final class DetachedProcess {

    /** The shell's part: $1 the log, the rest the command; prints the background process's pid. */
    private static final String LAUNCH = "log=$1; shift; "
            + "if [ -x /usr/bin/setsid ]; then /usr/bin/setsid \"$@\" </dev/null >>\"$log\" 2>&1 & "
            + "else \"$@\" </dev/null >>\"$log\" 2>&1 & fi; echo $!";
    private static final long EXIT_POLL_MS = 10;

    private DetachedProcess() {
    }

    /**
     * Starts {@code command} in {@code dir} with {@code env} added, its output (both streams) appended to
     * {@code log}, and returns it as soon as it runs; it may die at any moment after, which its log then says.
     */
    public static ProcessRecord start(List<String> command, Path dir, Path log, Map<String, String> env)
            throws IOException {
        List<String> sh = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH, "lab-launch", log.toString()));
        sh.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(sh).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process shell = pb.start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!shell.waitFor(10, TimeUnit.SECONDS) || shell.exitValue() != 0 || !out.matches("[0-9]+")) {
                shell.destroyForcibly();
                throw new IOException("the launching shell failed (" + (out.isEmpty() ? "no output" : out) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while launching " + command.get(0), e);
        }
        long pid = Long.parseLong(out);
        // a process that ended already is recorded without its start time: it is not alive, whoever reuses the pid
        return ProcessHandle.of(pid).map(ProcessRecord::of).orElse(new ProcessRecord(pid, 0));
    }

    /**
     * Waits until {@code process} has ended, at most {@code timeout}; true if it has. Polled every
     * {@value #EXIT_POLL_MS} ms: a process that is not this JVM's child has no exit event to wait on, and the JDK's
     * own {@code onExit()} polls such a process only every 300 ms and more.
     */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(EXIT_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ended(process);
            }
        }
        return true;
    }

    /**
     * Whether {@code process} has ended: gone, or a zombie. A detached process that ends is reaped by whoever adopted
     * it, init or a subreaper; where that is a process that does not reap (a JVM running as a container's pid 1), it
     * stays a zombie, which {@link ProcessHandle#isAlive} still calls alive.
     */
    public static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !process.isAlive(); // no /proc (macOS), or it ended just now
        }
    }

    /** SIGKILL, then wait until it is gone (or a minute passed: a process the kernel cannot end). */
    public static void kill(ProcessHandle process) {
        process.destroyForcibly();
        awaitExit(process, Duration.ofMinutes(1));
    }
}
