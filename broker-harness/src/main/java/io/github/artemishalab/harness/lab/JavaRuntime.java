package io.github.artemishalab.harness.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Java and classpath the supervisor starts nodes with: the ones this CLI runs on, unless told otherwise. */
public final class JavaRuntime {

    private JavaRuntime() {
    }

    public static Path javaExecutable() {
        String override = System.getenv("LAB_JAVA");
        Path java = override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new LabException("no Java at " + java + " (set LAB_JAVA to a Java 17 or newer)");
        }
        return java;
    }

    /** {@code lab.classpath} (set by tests to the shaded jar) or this JVM's own classpath. */
    public static String classpath() {
        String cp = System.getProperty("lab.classpath", System.getProperty("java.class.path"));
        // Nodes run in the lab directory: a relative entry (java -jar broker-harness/target/lab.jar) must not break.
        return java.util.Arrays.stream(cp.split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }
}
