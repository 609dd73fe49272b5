package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.LabDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What the class-data archive's warm-up broker loads besides a broker's classes: every class of the lab's own code,
 * and the model of every command, so that the archive also holds what the CLI, the fault proxy and a ZooKeeper
 * server load (a node builds only its own command's model now). A class in the archive costs nothing until it is
 * used; one loaded from the jar is read, parsed and verified first (the CLI of {@code up} loaded about 280 of them).
 */
final class ArchiveWarmUp {

    private static final String OWN_PACKAGE = "io/github/artemishalab/";

    private ArchiveWarmUp() {
    }

    /**
     * Loads them, without running any static initialiser (a class that cannot load here, a test-only API, is left
     * out), and reads {@code statusFile} back as the CLI reads every node's: the JSON readers are the CLI's alone.
     */
    static void loadLabClasses(Path statusFile) {
        LabCommand.commandLine();
        LabDirectory.readStatus(statusFile);
        ClassLoader loader = ArchiveWarmUp.class.getClassLoader();
        try (JarFile jar = new JarFile(Path.of(ArchiveWarmUp.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toFile())) {
            jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(OWN_PACKAGE) && n.endsWith(".class") && !n.contains("-"))
                    .forEach(n -> {
                        try {
                            Class.forName(n.substring(0, n.length() - ".class".length()).replace('/', '.'), false,
                                    loader);
                        } catch (ClassNotFoundException | LinkageError e) {
                            // not loadable without a test's classpath (JUnit): not wanted in the archive either
                        }
                    });
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // not running from a jar (an IDE, the tests' classes folder): there is no archive to fill
        }
    }
}
