package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.LabDirectory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Stops everything the lab started. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every node of the lab (backup first, so the primary does not fail over to it). "
                + "Keeps the data unless --purge.")
public final class DownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Option(names = "--purge", description = "Also delete the lab directory: journals, logs, ledgers, reports.")
    boolean purge;

    @Option(names = "--timeout", defaultValue = "20s", converter = DurationConverter.class,
            description = "SIGKILL a node that has not stopped after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabDirectory dir = lab.directory();
        if (!dir.exists()) {
            out.printf("No lab in %s.%n", dir.root());
            if (purge) {
                dir.purge();
            }
            return 0;
        }
        try (LabDirectory.LabLock ignored = dir.lock("down")) {
            lab.lab().stop(timeout, n -> out.printf("Stopped %s.%n", n.name()));
            if (purge) {
                dir.purge();
                out.printf("Deleted %s.%n", dir.root());
            }
        }
        return 0;
    }
}
