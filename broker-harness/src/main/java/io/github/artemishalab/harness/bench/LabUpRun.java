package io.github.artemishalab.harness.bench;

import io.github.artemishalab.harness.lab.JavaRuntime;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Role;
import io.github.artemishalab.harness.topology.Topology;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./lab up} as a user runs it: a real subprocess of the {@code lab} script, timed from the command to the
 * prompt, then the nodes' own records of where the time went and each JVM's resident memory.
 */
final class LabUpRun {

    private static final Pattern READY = Pattern.compile("ready in ([0-9.]+) s");

    /** One {@code up}: wall clock, what it printed, the nodes' breakdown (ms) and resident memory (MiB). */
    record Result(long wallMs, Long upSaysMs, long jvmMs, long brokerMs, long syncMs, Long primaryRss, Long backupRss,
                  Long proxyRss) {
    }

    private final Path dir;
    private Process up;
    private boolean shutDown;

    LabUpRun(Path dir) {
        this.dir = dir;
    }

    /** The command a user types: the checkout's {@code ./lab}, or (no checkout) what that script runs. */
    static List<String> command() {
        Path script = ArtemisCliTool.checkout().map(r -> r.resolve("lab")).filter(Files::isExecutable).orElse(null);
        if (script != null) {
            return new ArrayList<>(List.of(script.toString()));
        }
        return new ArrayList<>(List.of(JavaRuntime.javaExecutable().toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-jar", JavaRuntime.classpath()));
    }

    /** "Pair ready in 2.3 s." in {@code up}'s output, in ms; null when it is not there. */
    static Long upSays(String output) {
        Matcher m = READY.matcher(output);
        return m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1000) : null;
    }

    /** Runs {@code ./lab up} on a fresh lab directory; the nodes are killed before it returns or throws. */
    Result run(Mode mode, Duration timeout) throws IOException {
        new LabDirectory(dir).purge();
        Files.createDirectories(dir.getParent());
        Path log = dir.resolveSibling(dir.getFileName() + "-up.log");
        List<String> cmd = command();
        cmd.addAll(List.of("up", "--mode", mode.id(), "--lab-dir", dir.toString(), "--base-port",
                Integer.toString(PortCheck.freeBasePort("127.0.0.1", mode)), "--timeout", timeout.toSeconds() + "s"));
        try {
            long t0 = System.nanoTime();
            Process p = start(cmd, log);
            boolean exited = p.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS);
            long wall = (System.nanoTime() - t0) / 1_000_000;
            String output = Files.readString(log);
            if (!exited || p.exitValue() != 0) {
                String[] lines = output.strip().split("\n");
                throw new IOException("./lab up --mode " + mode + (exited ? " exited " + p.exitValue()
                        : " did not return") + ": " + lines[lines.length - 1] + " (" + log + ")");
            }
            LabDirectory lab = new LabDirectory(dir);
            Topology topology = lab.load().topology();
            NodeStatus primary = lab.readStatus(topology.member(Topology.PAIR, Role.PRIMARY).name()).orElseThrow();
            NodeStatus backup = lab.readStatus(topology.member(Topology.PAIR, Role.BACKUP).name()).orElseThrow();
            Long proxyRss = Lab.open(lab, false).supervisor().proxy().running().map(h -> Bench.rssMib(h.pid()))
                    .orElse(null);
            return new Result(wall, upSays(output), primary.started() - primary.pidStart(),
                    primary.since() - primary.started(), Math.max(0, backup.since() - primary.since()),
                    Bench.rssMib(primary.pid()), Bench.rssMib(backup.pid()), proxyRss);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            close();
        }
    }

    private synchronized Process start(List<String> cmd, Path log) throws IOException {
        if (shutDown) {
            throw new IOException("stopped");
        }
        up = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return up;
    }

    /** For a shutdown hook: as {@link #close()}, and no {@code up} starts after it. */
    synchronized void shutDown() {
        shutDown = true;
        close();
    }

    /** Kills {@code up} if it still runs, and every node and the proxy it started; never throws. */
    synchronized void close() {
        Process p = up;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        try {
            LabDirectory lab = new LabDirectory(dir);
            if (Files.exists(lab.configFile())) {
                Lab.open(lab, false).supervisor().killAll();
            }
        } catch (RuntimeException e) {
            // a lab that never got as far as its config has nothing running to kill
        }
    }
}
