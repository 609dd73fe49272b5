package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.Supervisor;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
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
            Supervisor supervisor = lab.supervisor().withClassDataArchive(note -> {
                out.println("  " + note);
                out.flush();
            });
            supervisor.config().node(target.node);
            long t0 = System.nanoTime();
            long pid = supervisor.start(target.node).pid();
            out.printf("Started %s (pid %d).%n", target.node, pid);
            out.flush();
            if (noWait) {
                return 0;
            }
            NodeState ready = supervisor.config().mode().readyBackupState();
            // A returning primary with failback on is done when it is active again, not when it is a backup.
            boolean failback = supervisor.config().failback() && target.node.equals("primary")
                    && supervisor.views().stream().anyMatch(v -> !v.name().equals("primary")
                    && v.state() == NodeState.ACTIVE);
            var views = supervisor.await(target.node + (failback ? " to fail back" : " to be active or " + ready),
                    timeout, Set.of(target.node),
                    v -> {
                        NodeState s = v.get(target.node).state();
                        return failback ? s == NodeState.ACTIVE && Supervisor.pairReady(supervisor.config().mode(), v)
                                : s == NodeState.ACTIVE || s == ready;
                    },
                    v -> {
                        out.printf("  %-8s %-15s %6.1f s%n", v.name(), v.state(), UpCommand.seconds(t0));
                        out.flush();
                    });
            out.printf("%s is %s after %.1f s.%n", target.node, views.get(target.node).state(),
                    UpCommand.seconds(t0));
            return 0;
        }
    }
}
