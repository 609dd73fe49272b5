package io.github.artemishalab.harness.lab;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.artemishalab.harness.net.Link;
import io.github.artemishalab.harness.net.ProxyMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lab's fault proxy as a process: one small JVM, started before the nodes of a proxied lab, that carries every
 * link (see {@link io.github.artemishalab.harness.topology.Wiring}). Its files live in the lab directory's
 * {@code net/}: {@code links.json} (what to listen on), {@code proxy.json} (written once it listens),
 * {@code proxy.pid.json}, {@code proxy.log}.
 */
public final class FaultProxyProcess {

    /** A proxy needs little: a tiny heap, and no JIT beyond C1. */
    static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final LabDirectory dir;
    private final LabConfig config;

    FaultProxyProcess(LabDirectory dir, LabConfig config) {
        this.dir = dir;
        this.config = config;
    }

    public Path pidFile() {
        return dir.net().resolve("proxy.pid.json");
    }

    public Path logFile() {
        return dir.net().resolve("proxy.log");
    }

    public Path linksFile() {
        return dir.net().resolve(ProxyMain.LINKS);
    }

    /** The running proxy of this lab, if any. */
    public Optional<ProcessHandle> running() {
        try {
            return Json.read(pidFile(), ProcessRecord.class).alive();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The links the proxy was started with (empty when it never was). */
    public List<Link> links() {
        try {
            return Json.MAPPER.readValue(linksFile().toFile(), new TypeReference<List<Link>>() { });
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Starts a fresh proxy with the lab's current links (a running one is stopped first: its ports may be old ones)
     * and returns once it listens on every link. All links start open: a new proxy forgets earlier cuts.
     */
    public ProcessHandle start(OptionalLong exitWith) {
        Process process = launch(exitWith);
        awaitListening(process);
        return process.toHandle();
    }

    /**
     * Starts a fresh proxy as {@link #start} does, but returns at once: a cold start launches the nodes meanwhile
     * (they retry their peer until the proxy listens) and calls {@link #awaitListening} before it calls the lab ready.
     */
    public Process launch(OptionalLong exitWith) {
        stop();
        List<Link> links = config.wiring().links();
        for (Link l : links) {
            PortCheck.requireFree(l.listenHost(), l.listenPort(), "fault proxy, link " + l.id());
        }
        try {
            Files.createDirectories(dir.net());
            for (String file : List.of(ProxyMain.STATUS, ProxyMain.RULES, ProxyMain.APPLIED)) {
                Files.deleteIfExists(dir.net().resolve(file));
            }
            Json.writeAtomically(linksFile(), links);
            List<String> cmd = new ArrayList<>();
            if (new File("/usr/bin/setsid").canExecute()) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.add(JavaRuntime.javaExecutable().toString());
            cmd.addAll(JVM_OPTIONS);
            cmd.addAll(List.of("-cp", JavaRuntime.classpath(), "io.github.artemishalab.harness.cli.LabMain", "proxy",
                    "--net-dir", dir.net().toString()));
            exitWith.ifPresent(pid -> cmd.add("--exit-with=" + pid));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.directory(dir.root().toFile());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = pb.start();
            Json.writeAtomically(pidFile(), ProcessRecord.of(process.toHandle()));
            return process;
        } catch (IOException e) {
            throw new LabException("cannot start the fault proxy: " + e.getMessage());
        }
    }

    /** Returns once the proxy listens on every link; fails with its last log line if it died or took too long. */
    public void awaitListening(Process process) {
        Path ready = dir.net().resolve(ProxyMain.STATUS);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new LabException("the fault proxy did not start: " + lastLine());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new LabException("the fault proxy did not listen within " + READY_TIMEOUT.toSeconds() + " s: "
                        + lastLine());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new LabException("interrupted while the fault proxy started");
            }
        }
    }

    private String lastLine() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("\tat ")).toList();
            return lines.isEmpty() ? "(its log " + logFile() + " is empty)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the proxy if it runs: every link of the lab is then down. */
    public void stop() {
        running().ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                p.onExit().join();
            }
        });
    }
}
