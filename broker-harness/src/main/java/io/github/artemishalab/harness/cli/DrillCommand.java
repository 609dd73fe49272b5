package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.drill.Drill;
import io.github.artemishalab.harness.drill.DrillOptions;
import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.ActiveOverlaps;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.drill.NetFaults;
import io.github.artemishalab.harness.drill.RoundResult;
import io.github.artemishalab.harness.drill.SplitBrains;
import io.github.artemishalab.harness.drill.RunFolder;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.lab.ClassDataArchive;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The lab's main job: one command runs a failover exercise and shows what happened. */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Run a failover exercise on a fresh pair (or cluster): start it, run a sender and a receiver "
                + "(one of each per cluster member), inject faults round by round (fault, backup takes over, traffic goes on, restart, failback), drain, verify, "
                + "report, tear down.",
                "Writes runs/<timestamp>/ (and runs/latest) in the lab directory: ledgers, node logs, results.json, "
                        + "report.html.",
                "Exit code 0 continuity held, 1 violated (loss; or duplicates under exactly-once), 3 unknown (the "
                        + "drain did not finish), 4 the lab failed, 2 bad usage."})
public final class DrillCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    PairOptions pair;

    @Mixin
    DeliveryOptions clients;

    @Option(names = "--faults", paramLabel = "F,F...",
            description = "Faults to inject, in turn: kill-active, stop-active (whichever node is active; "
                    + "kill-primary and stop-primary are old names for them), kill-backup, kill-any, stop-any (each "
                    + "broker in turn); network faults, held for --hold and then healed: of a pair, "
                    + "partition-replication (the active node from its peer), isolate-active (from everything), "
                    + "partition-clients (the clients from the active node), delay; of --mode cluster and "
                    + "cluster-of-shared-store-pairs, isolate-any (each active member in turn from its siblings and "
                    + "clients), partition-any (each active member from the next); "
                    + "replication-zk only: kill-zk-leader, kill-zk-majority (the leader and one more, for --hold) "
                    + "(default: kill-active; kill-any in a cluster).")
    String faults;

    @Mixin
    CutStyle style;

    @Option(names = "--hold", converter = DurationConverter.class,
            description = "How long a network fault (or kill-zk-majority) lasts before the round heals it (default: "
                    + "15s; 30s in replication-zk, longer than its 18 s ZooKeeper session, so that a cut costs the "
                    + "isolated node its lock).")
    Duration hold;

    @Option(names = "--delay", defaultValue = "200ms", converter = DurationConverter.class,
            description = "The latency the delay fault adds to each link of the active node, each way "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--rounds", defaultValue = "3", description = "How many rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--messages", paramLabel = "M", description = "Stop sending after M messages "
            + "(default: send until the rounds are done).")
    Long messages;

    @Option(names = "--duration", converter = DurationConverter.class, description = "Keep sending for at least "
            + "this long (e.g. 60s).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "200", description = "Messages per second, per sender "
            + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--clients", paramLabel = "N", description = "How many senders, and as many receivers, on the HA "
            + "URL (default: 1 for a pair, one per node for a cluster, spread over the nodes by the client's load "
            + "balancing).")
    Integer clientCount;

    @Option(names = "--seed", description = "Shuffle the faults and the pauses between steps with this seed.")
    Long seed;

    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest wait for any one step: pair ready, takeover, failback, drain (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print results.json instead of the table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<FaultKind> faultList;
        try {
            String chosen = faults != null ? faults : pair.mode.cluster() ? "kill-any" : "kill-active";
            faultList = FaultKind.parseList(chosen);
        } catch (IllegalArgumentException e) {
            throw new LabException(LabException.USAGE, e.getMessage());
        }
        if (faultList.isEmpty() || rounds < 1 || rate <= 0) {
            throw new LabException(LabException.USAGE, "a drill needs at least one fault, one round and a rate > 0");
        }
        pair.validate();
        PrintWriter out = spec.commandLine().getOut();
        LabDirectory root = lab.directory();
        LabDirectory pairDir = new LabDirectory(root.root().resolve("drill"));
        // the options first: a usage error must leave no run folder behind
        DrillOptions options = new DrillOptions(pair.mode, faultList, rounds, messages, duration, rate,
                clients.delivery, seed, pair.failback, pair.basePortOr(PairOptions.DEFAULT_BASE_PORT), timeout,
                clients.watchdogOrNull(), new NetFaults(pair.faultProxy, style.cut(),
                hold != null ? hold : Duration.ofSeconds(pair.mode.quorum() ? 30 : 15), delay), pair.size(),
                clientCount != null ? clientCount : pair.mode.cluster() ? pair.size() : 1, pair.discoveryOrDefault(),
                pair.tlsOrOff());
        RunFolder run = RunFolder.create(root.root().resolve("runs"));
        Path runDir = run.root();
        Drill drill = new Drill(options, pairDir.root(), run, lab.verbose);

        if (!json) {
            out.printf("Drill: %s, %s, %d round%s of %s at %.0f msg/s%s%n  lab in %s, run in %s%n",
                    pair.mode == Mode.CLUSTER ? "cluster of " + pair.size()
                            : pair.mode.clusterOfPairs() ? "cluster of " + pair.size() + " pairs" : pair.mode,
                    clients.delivery,
                    rounds, rounds == 1 ? "" : "s", faultList.stream().map(FaultKind::id).collect(Collectors.joining("/")),
                    rate, (pair.failback ? "" : ", no failback") + (!options.tls().enabled() ? ""
                            : options.tls().clientAuth() ? ", TLS with client certificates" : ", TLS"),
                    pairDir.root(), runDir);
            out.flush();
        }
        ClassDataArchive.ensure(note -> {
            if (!json) {
                out.println("  " + note);
                out.flush();
            }
        });
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                finished.await(timeout.toSeconds() + 15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drill-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        LiveLine live = json ? null : new LiveLine(out, drill, System.console() != null);
        try (LabDirectory.LabLock ignored = pairDir.lock("drill")) {
            if (live != null) {
                live.start();
            }
            DrillResult result = drill.run(cancelled::get);
            if (live != null) {
                live.stop();
            }
            run.write(result, drill.events());
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(result));
            } else {
                printTable(out, result);
                out.printf("%nReport: %s%n", run.report());
            }
            out.flush();
            return result.exitCode();
        } finally {
            if (live != null) {
                live.stop();
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is waiting for the countDown above
            }
        }
    }

    static void printTable(PrintWriter out, DrillResult r) {
        out.println();
        int w = Math.max(13, r.rounds().stream().mapToInt(x -> x.fault().id().length()).max().orElse(0));
        int nw = Math.max(8, r.rounds().stream().mapToInt(x -> x.node().length()).max().orElse(0)); // node2/node3
        String row = "  %-5s %-" + w + "s %-" + nw + "s %-13s %9s %9s %9s %9s %9s%n";
        Mode mode = Mode.parse(r.mode());
        boolean cluster = mode == Mode.CLUSTER;
        // a cluster member has no takeover and no failback: it is restarted and rejoins
        out.printf(row, "ROUND", "FAULT", "NODE", "AT", cluster ? "WORST CL" : "TAKEOVER", "SEND GAP", "RECV GAP",
                cluster ? "REJOINED" : "FAILBACK", cluster ? "RJ GAP" : "FB GAP");
        for (RoundResult x : r.rounds()) {
            out.printf(row, x.round(), x.fault(), x.node(),
                    CLOCK.format(Instant.ofEpochMilli(x.at()).atZone(ZoneId.systemDefault())),
                    ms(cluster ? x.worstClientGapMs() : x.takeoverMs()),
                    ms(x.sendGapMs()), ms(x.receiveGapMs()), ms(x.failbackMs()),
                    ms(max(x.failbackSendGapMs(), x.failbackReceiveGapMs())));
        }
        ContinuityReport c = r.continuity();
        out.println();
        out.printf("  sent %d, confirmed %d, received %d, lost %d, duplicated %d, unknown outcome %d (recovered %d), "
                        + "out of order %d%s%n", c.sent(), c.confirmed(), c.received(), c.lost(), c.duplicated(),
                c.unknownOutcome(), c.recovered(), c.outOfOrder(),
                c.redeliveriesAbsorbed() > 0 ? ", redeliveries absorbed " + c.redeliveriesAbsorbed() : "");
        if (c.stuckOutages() > 0) {
            out.printf("  %d outage(s) longer than 5 s: clients waited that long to be served again, or never were%n",
                    c.stuckOutages());
        }
        if (mode.cluster()) {
            ClusterLines.perNode(out, r);
            ClusterLines.cuts(out, r);
        }
        if (r.watchdogReconnects() > 0) {
            out.printf(cluster ? "  the client watchdog moved %d connection(s) off a member that was gone (a cluster "
                    + "member has no backup: a client reconnects to the member it lost until the watchdog reopens on "
                    + "the HA URL)%n" : "  the client watchdog reopened %d connection(s) whose failover had not "
                    + "completed in time%n", r.watchdogReconnects());
        }
        SplitBrains sb = r.splitBrains();
        if (sb != null && !sb.windows().isEmpty()) {
            out.printf("  SPLIT BRAIN %d time(s), %.1f s in all with two active nodes; %s%n", sb.windows().size(),
                    sb.totalMs() / 1000.0, sb.lostConfirmedDuring() == 0 ? "no message confirmed then was lost"
                            : sb.lostConfirmedDuring() + " of the lost messages were confirmed then, by the side the "
                            + "restart threw away");
        }
        ActiveOverlaps overlaps = r.activeOverlaps();
        if (overlaps != null && overlaps.none()) {
            out.printf("  never two active at once%s, by the nodes' own records (%d state changes)%n",
                    mode.clusterOfPairs() ? " in one pair" : "", overlaps.changes());
        } else if (overlaps != null) {
            List<ActiveOverlaps.Overlap> reachable = overlaps.reachable();
            out.printf("  TWO ACTIVE AT ONCE %d time(s) by the nodes' own records, %d ms in all (longest %d ms); %s%n",
                    overlaps.overlaps().size(), overlaps.overlaps().stream()
                            .mapToLong(ActiveOverlaps.Overlap::millis).sum(), overlaps.overlaps().stream()
                            .mapToLong(ActiveOverlaps.Overlap::millis).max().orElse(0),
                    reachable.isEmpty() ? "each time one of them was cut from every client"
                            : reachable.size() + " time(s) with clients able to reach both");
        }
        if (cluster) {
            ClusterLines.legend(out, r);
        }
        if (!cluster && r.rounds().stream().anyMatch(x -> x.fault().network())) {
            out.println("  (network rounds: TAKEOVER is a node becoming active during the cut, FAILBACK the heal to "
                    + "the pair ready again)");
        }
        if (r.note() != null) {
            out.printf("  note: %s%n", r.note());
        }
        out.printf("%n  Verdict: %s (exit %d): %s%n", r.verdict().toUpperCase(), r.exitCode(), c.reason());
    }

    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static String ms(Long v) {
        return v == null ? "-" : v + " ms";
    }

    /** One line that says where the drill is: round, fault, node states, counts, "failing over...". */
    private static final class LiveLine {
        private final PrintWriter out;
        private final Drill drill;
        private final boolean tty;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private String lastLine = "";

        LiveLine(PrintWriter out, Drill drill, boolean tty) {
            this.out = out;
            this.drill = drill;
            this.tty = tty;
            this.thread = new Thread(this::loop, "drill-live-line");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            if (running.getAndSet(false)) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (tty) {
                    out.print("\r\033[K");
                    out.flush();
                }
            }
        }

        private void loop() {
            long every = tty ? 250 : 2000;
            while (running.get()) {
                Drill.Phase p = drill.phase();
                String nodes = drill.nodes().stream().map(v -> v.name() + " " + v.state())
                        .collect(Collectors.joining(", "));
                String line = String.format("round %d/%d %s | %s | sent %d, received %d%s", p.round(), p.rounds(),
                        p.what(), nodes, drill.sentCount(), drill.receivedCount(),
                        drill.clientsFailingOver() ? " | failing over..." : "");
                if (tty) {
                    out.print("\r" + line + "\033[K");
                    out.flush();
                } else if (!line.equals(lastLine)) {
                    out.println(line);
                    out.flush();
                }
                lastLine = line;
                try {
                    Thread.sleep(every); // a display refresh, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
