package io.github.artemishalab.harness.bench;

import io.github.artemishalab.harness.lab.JavaRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Artemis's own command line ({@code org.apache.activemq:artemis-cli:2.44.0}) as an outside tool, with the 2.55.0
 * protocol managers a stock broker loads: both classpaths are resolved by the project's Maven wrapper from
 * {@code benches/*}{@code /pom.xml}, and the CLI runs in JVMs of its own, so its 2.44 jars never meet the lab's 2.55.
 */
public final class ArtemisCliTool {

    static final String VERSION = "2.44.0";
    static final String POM = "benches/artemis-cli/pom.xml";
    static final String PROTOCOLS_POM = "benches/artemis-protocols/pom.xml";
    static final String MAIN = "org.apache.activemq.artemis.cli.Artemis";
    private static final long RESOLVE_TIMEOUT_S = 600;

    private final String classpath;
    private final String protocols;

    ArtemisCliTool(String classpath, String protocols) {
        this.classpath = classpath;
        this.protocols = protocols;
    }

    /** The jars of the protocol managers (AMQP, STOMP, MQTT, OpenWire) a stock 2.55.0 broker has beside the lab's. */
    public String protocolClasspath() {
        return protocols;
    }

    /** Why the tool is not there, in one line for the user. */
    public static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super("Artemis's CLI (org.apache.activemq:artemis-cli:" + VERSION + ") could not be fetched: " + reason
                    + "; the stock figures are left out");
        }
    }

    /** The tool for the checkout this lab runs from, resolved once and kept in {@code cacheDir}. */
    public static ArtemisCliTool fetch(Path cacheDir) throws Unavailable {
        Path root = checkout().orElseThrow(() -> new Unavailable("no checkout with ./mvnw and " + POM
                + " around the lab jar " + JavaRuntime.classpath()));
        String mvnw = root.resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString();
        return fetch(root, cacheDir, List.of(mvnw));
    }

    /**
     * The tool resolved with {@code maven} (a command, e.g. the wrapper) in {@code root}; reuses the classpath in
     * {@code cacheDir} while every jar of it is still there.
     */
    static ArtemisCliTool fetch(Path root, Path cacheDir, List<String> maven) throws Unavailable {
        return new ArtemisCliTool(resolve(root, POM, cacheDir.resolve("cli"), maven, "artemis-cli-" + VERSION),
                resolve(root, PROTOCOLS_POM, cacheDir.resolve("protocols"), maven, "artemis-amqp-protocol-"));
    }

    /** The classpath of {@code pom}'s dependencies, which must name a jar {@code marker}. */
    private static String resolve(Path root, String pom, Path cacheDir, List<String> maven, String marker)
            throws Unavailable {
        Path cpFile = cacheDir.resolve("classpath.txt");
        try {
            Optional<String> cached = readClasspath(cpFile, marker);
            if (cached.isPresent()) {
                return cached.get();
            }
            Files.createDirectories(cacheDir);
            Path log = cacheDir.resolve("resolve.log");
            List<String> cmd = new ArrayList<>(maven);
            cmd.addAll(List.of("-B", "-q", "-f", root.resolve(pom).toString(), "dependency:build-classpath",
                    "-Dmdep.outputFile=" + cpFile.toAbsolutePath()));
            Files.deleteIfExists(cpFile);
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                if (!p.waitFor(RESOLVE_TIMEOUT_S, TimeUnit.SECONDS)) {
                    throw new Unavailable("Maven did not finish in " + RESOLVE_TIMEOUT_S + " s (" + log + ")");
                }
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            if (p.exitValue() != 0) {
                throw new Unavailable(mavenReason(Files.readAllLines(log)) + " (" + log + ")");
            }
            return readClasspath(cpFile, marker).orElseThrow(() -> new Unavailable("Maven wrote no classpath with "
                    + marker + " (" + log + ")"));
        } catch (IOException e) {
            throw new Unavailable(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    /** The first line of Maven's output that says what failed, without its {@code [ERROR]} prefix. */
    static String mavenReason(List<String> output) {
        return output.stream().filter(l -> l.startsWith("[ERROR]"))
                .map(l -> l.substring(7).replaceAll("\\s*-> \\[Help \\d+]$", "").trim())
                .filter(l -> !l.isEmpty()).findFirst()
                .or(() -> output.stream().map(String::trim).filter(l -> !l.isEmpty()).reduce((a, b) -> b))
                .map(l -> l.length() > 300 ? l.substring(0, 300) + "..." : l)
                .orElse("Maven failed without a word");
    }

    private static Optional<String> readClasspath(Path cpFile, String marker) throws IOException {
        if (!Files.isRegularFile(cpFile)) {
            return Optional.empty();
        }
        String cp = Files.readString(cpFile).trim();
        boolean complete = !cp.isEmpty() && Arrays.stream(cp.split(File.pathSeparator))
                .allMatch(j -> Files.isRegularFile(Path.of(j)));
        return complete && cp.contains(marker) ? Optional.of(cp) : Optional.empty();
    }

    /** The checkout around the lab jar ({@code broker-harness/target/lab.jar}): the folder with the wrapper. */
    static Optional<Path> checkout() {
        Path at = Path.of(JavaRuntime.classpath().split(File.pathSeparator)[0]).toAbsolutePath();
        for (Path p = at; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isRegularFile(p.resolve(POM))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /** A JVM that runs {@code artemis ARGS...} on the tool's classpath, with a small heap. */
    public List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(JavaRuntime.javaExecutable().toString(), "-Xms32m", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath, MAIN));
        cmd.addAll(args);
        return cmd;
    }

    /** Runs {@code artemis ARGS...} to the end, its output in {@code log}; a failure says the log's last lines. */
    public void run(List<String> args, Path log, long timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // a Ctrl-C of the bench must not leave a perf client sending to a pair that is gone
        Thread kill = new Thread(p::destroyForcibly, "artemis-cli-kill");
        Runtime.getRuntime().addShutdownHook(kill);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException("artemis " + args.get(0) + " did not finish in " + timeoutSeconds + " s (" + log
                        + ")");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IOException("artemis " + args.get(0) + " failed: "
                        + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
            try {
                Runtime.getRuntime().removeShutdownHook(kill);
            } catch (IllegalStateException e) {
                // shutting down: the hook kills it too
            }
        }
    }
}
