package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every lab command shares: where the lab lives, and how much to say. */
public final class LabDirOptions {

    @Option(names = "--lab-dir", paramLabel = "DIR", defaultValue = "${env:LAB_DIR:-" + LabDirectory.DEFAULT_NAME + "}",
            description = "The lab directory (default: $LAB_DIR if set, else ./" + LabDirectory.DEFAULT_NAME + "; here: ${DEFAULT-VALUE}).")
    Path labDir;

    @Option(names = {"-v", "--verbose"}, description = "Show Artemis's own logs and stack traces.")
    boolean verbose;

    public LabDirectory directory() {
        return new LabDirectory(labDir);
    }

    /** The lab {@code lab up} made in the lab directory. */
    public Lab lab() {
        return Lab.open(directory(), verbose);
    }
}
