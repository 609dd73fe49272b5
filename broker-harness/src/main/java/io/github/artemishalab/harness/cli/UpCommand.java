package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeStatus;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.Supervisor;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Role;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Starts the pair and returns when it is ready. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a primary/backup pair, each broker its own JVM, and return when the primary is active "
                + "and the backup is announced (shared-store) or in sync (replication). The nodes keep running.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    PairOptions pair;

    @Option(names = "--host", description = "The address the brokers bind to (default 127.0.0.1).")
    String host;

    @Option(names = "--force", description = "Start even when the backup held a newer journal than the primary "
            + "(replication): messages only the backup had are then lost.")
    boolean force;

    @Option(names = "--timeout", defaultValue = "90s", converter = DurationConverter.class,
            description = "How long to wait for the pair to be ready (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        pair.validate();
        LabDirectory dir = lab.directory();
        try (LabDirectory.LabLock ignored = dir.lock("up")) {
            LabConfig config = configure(dir);
            Supervisor supervisor = new Supervisor(dir, config, lab.verbose);
            supervisor.requireIdle();
            // a proxy left without nodes (they were killed one by one) holds the ports the new start needs
            supervisor.proxy().stop();
            if (config.mode() == Mode.REPLICATION && !force) {
                refuseStaleStart(dir, config);
            }
            for (NodeSpec n : config.nodes()) {
                PortCheck.requireFree(config.host(), n.port(), n.name());
            }
            dir.prepare(config);
            dir.save(config);
            out.printf("Starting a %s pair in %s%n", config.mode(), dir.root());
            out.flush();
            Lab handle = lab.lab().with(s -> s.withClassDataArchive(note -> {
                out.println("  " + note);
                out.flush();
            }));
            long t0 = System.nanoTime();
            handle.start(timeout, n -> {
                out.printf("  %-8s %-15s %6.1f s%n", n.name(), n.state(), seconds(t0));
                out.flush();
            });
            out.printf("Pair ready in %.1f s.%n", seconds(t0));
            StatusCommand.printTable(out, handle);
            return 0;
        }
    }

    /**
     * After a failover, the node that was active last holds the newest replicated journal. A replicated backup cannot
     * start active on its own, so starting the pair would serve the primary's older journal and lose messages.
     */
    private static void refuseStaleStart(LabDirectory dir, LabConfig config) {
        String group = config.topology().groups().get(0);
        long primary = lastActive(dir, config.topology().member(group, Role.PRIMARY));
        long backup = lastActive(dir, config.topology().member(group, Role.BACKUP));
        if (backup > primary) {
            throw new LabException(LabException.USAGE, "the backup was active after the primary stopped, so its "
                    + "journal is newer; starting the pair now would make the primary active on its older journal and "
                    + "lose those messages. Use --force to accept that, or ./lab down --purge for a fresh lab");
        }
    }

    private LabConfig configure(LabDirectory dir) {
        if (!dir.exists()) {
            return LabConfig.create(pair.mode, host != null ? host : LabConfig.LOOPBACK,
                    pair.basePortOr(PairOptions.DEFAULT_BASE_PORT), pair.failback, pair.faultProxy);
        }
        LabConfig existing = dir.load();
        if (existing.mode() != pair.mode) {
            throw new LabException(LabException.USAGE, "lab directory " + dir.root() + " holds a " + existing.mode()
                    + " lab; use --mode " + existing.mode() + ", another --lab-dir, or ./lab down --purge first");
        }
        return existing.with(host != null ? host : existing.host(),
                pair.basePortOr(existing.basePort()), pair.failback, pair.faultProxy);
    }

    private static long lastActive(LabDirectory dir, NodeSpec node) {
        return dir.readStatus(node.name()).map(NodeStatus::lastActive).orElse(0L);
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
