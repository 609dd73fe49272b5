package io.github.artemishalab.harness.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A class-data-sharing archive of the classes a broker loads (JDK AppCDS): recorded once per lab jar by a warm-up
 * broker that starts and stops, then mapped by every node's JVM so it does not load and verify those classes again.
 * It only saves start-up time; a missing or stale archive is ignored ({@code -Xshare:auto}).
 */
public final class ClassDataArchive {

    private ClassDataArchive() {
    }

    /** The archive for the lab jar this JVM runs from, recorded first if needed; empty when not running from a jar. */
    public static Optional<Path> ensure(Consumer<String> note) {
        String cp = JavaRuntime.classpath();
        if (cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar") || "false".equals(System.getenv("LAB_CDS"))) {
            return Optional.empty();
        }
        Path jar = Path.of(cp).toAbsolutePath();
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceAll("\\.jar$", "") + ".jsa");
        try {
            if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return Optional.of(archive);
            }
            note.accept("preparing a class-data archive of the broker's classes for faster starts (once per build)");
            Path work = Files.createTempDirectory("lab-cds");
            Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Path config = work.resolve("broker.xml");
            try (InputStream in = ClassDataArchive.class.getResourceAsStream("/broker-configs/replication/primary.xml")) {
                if (in == null) {
                    return Optional.empty();
                }
                Files.copy(in, config);
            }
            List<String> cmd = new ArrayList<>(List.of(JavaRuntime.javaExecutable().toString()));
            cmd.addAll(Supervisor.NODE_JVM_OPTIONS);
            cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", jar.toString(),
                    "io.github.artemishalab.harness.cli.LabMain", "node", "--config", config.toString(),
                    "--name", "warm-up", "--port", Integer.toString(PortCheck.freePort()),
                    "--peer-port", Integer.toString(PortCheck.freePort()), "--data-dir", work.resolve("data").toString(),
                    "--status-file", work.resolve("status.json").toString(), "--exit-when-active",
                    "-D", "lab.check.for.active.server=false"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve("warm-up.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0 || !Files.exists(tmp)) {
                return Optional.empty();
            }
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            new LabDirectory(work).purge();
            return Optional.of(archive);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
