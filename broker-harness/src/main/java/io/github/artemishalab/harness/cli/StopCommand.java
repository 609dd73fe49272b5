package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.Termination;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** SIGTERM: the broker stops cleanly, as an operator's shutdown would. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop a node gracefully (SIGTERM, a clean broker stop). In shared-store the backup takes over "
                + "(failover-on-shutdown); see broker-configs/replication/README.md for replication.")
public final class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    NodeTarget target;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "SIGKILL the node if it has not stopped after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        Lab handle = lab.lab();
        handle.node(target.node);
        long t0 = System.nanoTime();
        if (!handle.stop(n -> n.name().equals(target.node), Termination.GRACEFUL, timeout).isEmpty()) {
            spec.commandLine().getOut().printf("Stopped %s in %.1f s.%n", target.node, UpCommand.seconds(t0));
        } else {
            spec.commandLine().getOut().printf("%s is not running.%n", target.node);
        }
        return 0;
    }
}
