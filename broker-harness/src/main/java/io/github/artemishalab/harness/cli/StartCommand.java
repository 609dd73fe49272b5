package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.Condition;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabState;
import io.github.artemishalab.harness.lab.Node;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Restarts a stopped node; it fails back if the policy allows. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a stopped node again and wait until it is active or a ready backup. A returning "
                + "primary takes over again when the lab runs with failback on.")
public final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    NodeTarget target;

    @Option(names = "--timeout", defaultValue = "90s", converter = DurationConverter.class,
            description = "How long to wait (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-wait", description = "Return as soon as the JVM is started.")
    boolean noWait;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LabDirectory dir = lab.directory();
        try (LabDirectory.LabLock ignored = dir.lock("start")) {
            Lab handle = lab.lab().with(s -> s.withClassDataArchive(note -> {
                out.println("  " + note);
                out.flush();
            }));
            Node node = handle.node(target.node);
            if (node.running()) {
                out.printf("%s is already running (pid %d, %s): nothing to start.%n", target.node, node.pid(),
                        node.state());
                return 0;
            }
            // decided before the start: a returning primary with failback on is done when it is active again
            Condition back = handle.afterStart(target.node).within(timeout);
            long t0 = System.nanoTime();
            handle.start(n -> n.name().equals(target.node));
            out.printf("Started %s (pid %d).%n", target.node, handle.node(target.node).pid());
            out.flush();
            if (noWait) {
                return 0;
            }
            LabState s = handle.await(back, n -> {
                out.printf("  %-8s %-15s %6.1f s%n", n.name(), n.state(), UpCommand.seconds(t0));
                out.flush();
            });
            out.printf("%s is %s after %.1f s.%n", target.node, s.node(target.node).state(), UpCommand.seconds(t0));
            return 0;
        }
    }
}
