package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueReceiver;
import io.github.artemishalab.clients.QueueSender;
import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.ContinuityVerifier;
import io.github.artemishalab.clients.verify.Outage;
import io.github.artemishalab.clients.verify.VerifyOptions;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.Mode;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeView;
import io.github.artemishalab.harness.lab.Supervisor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A failover exercise on a fresh pair: a sender and a receiver run while faults are injected round by round; then
 * the receiver drains, the verifier judges the ledgers, and the pair is torn down. The run folder keeps the
 * ledgers, the node logs and the results.
 */
public final class Drill {

    /**
     * What to drill.
     *
     * @param mode     the HA mode
     * @param faults   the faults to choose from, round by round (in order; shuffled by {@code seed} if set)
     * @param rounds   how many rounds
     * @param messages stop sending after this many messages (null: send until the rounds are done)
     * @param duration send for at least this long (null: as long as the rounds take)
     * @param rate     messages per second
     * @param delivery the clients' delivery mode
     * @param seed     shuffles the fault order and the pauses between steps; null for the plain order
     * @param failback whether a returning primary takes over again
     * @param basePort the primary's port (backup on +100)
     * @param timeout  how long any one wait (pair ready, takeover, failback, drain) may take
     * @param watchdog the clients reopen a connection whose failover has not completed after this long (null: never)
     */
    public record Options(Mode mode, List<FaultKind> faults, int rounds, Long messages, Duration duration,
                          double rate, Delivery delivery, Long seed, boolean failback, int basePort,
                          Duration timeout, Duration watchdog) {
    }

    /** What the live line shows; updated by the drill thread, read by the printer. */
    public record Phase(int round, int rounds, String what) {
    }

    private static final Duration DWELL_AFTER_FAULT = Duration.ofMillis(1500);
    private static final Duration DWELL_AFTER_FAILBACK = Duration.ofMillis(1500);
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration DRAIN_IDLE = Duration.ofSeconds(3);

    private final Options options;
    private final LabDirectory lab;
    private final Path runDir;
    private final boolean verbose;
    private final AtomicReference<Phase> phase = new AtomicReference<>(new Phase(0, 0, "starting the pair"));
    private final Progress sent = Progress.silent();
    private final Progress received = Progress.silent();
    private volatile Supervisor supervisor;

    /**
     * @param lab    the lab directory the drill's pair lives in; it is reset first (drills own it)
     * @param runDir where the run's ledgers, logs and results go
     */
    public Drill(Options options, LabDirectory lab, Path runDir, boolean verbose) {
        this.options = options;
        this.lab = lab;
        this.runDir = runDir;
        this.verbose = verbose;
    }

    public Phase phase() {
        return phase.get();
    }

    public long sentCount() {
        return sent.done();
    }

    public long receivedCount() {
        return received.done();
    }

    public boolean clientsFailingOver() {
        return sent.failingOver() || received.failingOver();
    }

    /** The pair's nodes now, for the live line; empty before the pair exists. */
    public List<NodeView> nodes() {
        Supervisor s = supervisor;
        return s == null ? List.of() : s.views();
    }

    /**
     * Runs the drill. Never leaves a node running. Throws {@link LabException} only when the lab itself failed
     * before any traffic (the pair did not start); a failure later ends the drill early with a note.
     */
    public DrillResult run(BooleanSupplier cancelled) {
        long startedAt = System.currentTimeMillis();
        lab.purgePair();
        LabConfig config = LabConfig.create(options.mode(), "127.0.0.1", options.basePort(), options.failback());
        lab.prepare(config);
        lab.save(config);
        Supervisor sup = new Supervisor(lab, config, verbose).withFaultLedger(runDir.resolve("faults.jsonl"))
                .withClassDataArchive(note -> { });
        supervisor = sup;
        Random random = options.seed() != null ? new Random(options.seed()) : null;
        List<RoundResult> rounds = new ArrayList<>();
        String note = null;
        long pairStartMs = 0;
        AtomicBoolean stopSending = new AtomicBoolean();
        AtomicBoolean stopReceiving = new AtomicBoolean();
        AtomicBoolean senderDone = new AtomicBoolean();
        CompletableFuture<Void> senderRun = null;
        CompletableFuture<Void> receiverRun = null;
        StateWatcher watcher = null;
        try {
            long t0 = System.nanoTime();
            sup.startPair(options.timeout(), v -> { });
            pairStartMs = (System.nanoTime() - t0) / 1_000_000;
            watcher = new StateWatcher(sup, runDir.resolve("faults.jsonl"));
            watcher.start();

            ClientConfig senderConfig = new ClientConfig(config.haUrl(), config.user().user(),
                    config.user().password(), "exampleQueue", options.delivery(), runDir.resolve("sender.jsonl"),
                    ClientConfig.newId("sender"), options.watchdog());
            ClientConfig receiverConfig = new ClientConfig(config.haUrl(), config.user().user(),
                    config.user().password(), "exampleQueue", options.delivery(), runDir.resolve("receiver.jsonl"),
                    "receiver", options.watchdog());
            long count = options.messages() != null ? options.messages() : Long.MAX_VALUE;
            receiverRun = CompletableFuture.runAsync(() -> unchecked(() -> new QueueReceiver(receiverConfig, 0,
                    DRAIN_IDLE, received).idleTimeoutArmedBy(senderDone::get).run(stopReceiving::get)));
            senderRun = CompletableFuture.runAsync(() -> {
                try {
                    unchecked(() -> new QueueSender(senderConfig, count, options.rate(), sent).run(stopSending::get));
                } finally {
                    senderDone.set(true);
                }
            });
            phase.set(new Phase(0, options.rounds(), "warming up"));
            // traffic first: the first fault must land on a pair that is already carrying messages
            long warmDeadline = System.nanoTime() + options.timeout().toNanos();
            while (received.done() == 0 && System.nanoTime() < warmDeadline && !cancelled.getAsBoolean()) {
                pause(Duration.ofMillis(50), cancelled);
            }
            pause(WARM_UP, cancelled);

            for (int r = 1; r <= options.rounds() && !cancelled.getAsBoolean(); r++) {
                FaultKind fault = random != null ? options.faults().get(random.nextInt(options.faults().size()))
                        : options.faults().get((r - 1) % options.faults().size());
                rounds.add(round(sup, r, fault, random, cancelled));
            }
            if (cancelled.getAsBoolean()) {
                note = "interrupted (Ctrl-C)";
            }
            long elapsed = System.currentTimeMillis() - startedAt;
            if (options.duration() != null && elapsed < options.duration().toMillis() && !cancelled.getAsBoolean()) {
                phase.set(new Phase(options.rounds(), options.rounds(), "sending"));
                pause(Duration.ofMillis(options.duration().toMillis() - elapsed), cancelled);
            } else {
                pause(Duration.ofSeconds(1), cancelled);
            }
        } catch (LabException e) {
            if (rounds.isEmpty() && senderRun == null) {
                sup.killAll();
                throw e;
            }
            note = "the lab failed: " + e.getMessage();
        } finally {
            phase.set(new Phase(rounds.size(), options.rounds(), "draining"));
            stopSending.set(true);
            await(senderRun, options.timeout());
            senderDone.set(true);
            if (!await(receiverRun, options.timeout().plus(DRAIN_IDLE))) {
                note = note != null ? note : "the receiver did not drain within " + options.timeout().toSeconds() + " s";
            }
            stopReceiving.set(true);
            await(receiverRun, Duration.ofSeconds(10));
            if (watcher != null) {
                watcher.stop();
            }
            phase.set(new Phase(rounds.size(), options.rounds(), "tearing down"));
            sup.killAll();
            lab.copyLogs(runDir.resolve("logs"));
        }

        List<LedgerEvent> events = new ArrayList<>();
        for (String f : List.of("sender.jsonl", "receiver.jsonl", "faults.jsonl")) {
            events.addAll(Ledger.read(runDir.resolve(f)));
        }
        ContinuityReport report = ContinuityVerifier.verify(events, VerifyOptions.defaults()
                .withDelivery(options.delivery().id()));
        List<RoundResult> measured = withOutages(rounds, report.outages(), events);
        boolean labFailed = note != null && note.startsWith("the lab failed");
        String verdict = labFailed ? "lab-failed" : report.verdict().label();
        int exit = labFailed ? LabException.LAB_FAILED : report.exitCode();
        int watchdogReconnects = (int) events.stream().filter(e -> LedgerEvent.FAILOVER.equals(e.ev())
                && "WATCHDOG_RECONNECT".equals(e.kind())).count();
        return new DrillResult(options.mode().id(), options.delivery().id(), options.rate(),
                options.seed() != null ? options.seed() : 0, options.failback(), startedAt, System.currentTimeMillis(),
                pairStartMs, measured, report, verdict, exit, note, watchdogReconnects);
    }

    private RoundResult round(Supervisor sup, int r, FaultKind fault, Random random, BooleanSupplier cancelled) {
        Map<String, NodeView> views = byName(sup.views());
        String active = views.values().stream().filter(v -> v.state() == NodeState.ACTIVE).map(NodeView::name)
                .findFirst().orElseThrow(() -> new LabException("no active node before round " + r));
        String other = views.keySet().stream().filter(n -> !n.equals(active)).findFirst().orElseThrow();
        String target = fault.hitsActive() ? active : other;
        phase.set(new Phase(r, options.rounds(), fault + " (" + target + ")"));

        long at = System.currentTimeMillis();
        long t0 = System.nanoTime();
        CompletableFuture<Boolean> injected = fault.forcible()
                ? CompletableFuture.completedFuture(sup.kill(target))
                : CompletableFuture.supplyAsync(() -> sup.stop(target, Duration.ofSeconds(30)));
        Long takeoverMs = null;
        if (fault.hitsActive()) {
            sup.await(other + " to take over", options.timeout(), Set.of(other),
                    v -> v.get(other).state() == NodeState.ACTIVE, v -> { });
            takeoverMs = (System.nanoTime() - t0) / 1_000_000;
        }
        injected.join();
        pause(jitter(DWELL_AFTER_FAULT, random), cancelled);

        phase.set(new Phase(r, options.rounds(), "restarting " + target));
        long restartAt = System.currentTimeMillis();
        long t1 = System.nanoTime();
        sup.start(target);
        Mode mode = options.mode();
        boolean expectFailback = options.failback() && fault.hitsActive() && target.equals("primary");
        sup.await(expectFailback ? "failback to " + target : target + " to rejoin as backup", options.timeout(),
                Set.of("primary", "backup"),
                v -> Supervisor.pairReady(mode, v)
                        && (!expectFailback || v.get(target).state() == NodeState.ACTIVE), v -> { });
        long failbackMs = (System.nanoTime() - t1) / 1_000_000;
        pause(jitter(DWELL_AFTER_FAILBACK, random), cancelled);
        return new RoundResult(r, fault, target, at, takeoverMs, null, null, restartAt, failbackMs, null, null);
    }

    /** Adds the client-visible gaps: the verifier's outage for the fault, and the longest gap around the restart. */
    private static List<RoundResult> withOutages(List<RoundResult> rounds, List<Outage> outages,
                                                 List<LedgerEvent> events) {
        List<Long> sends = events.stream().filter(e -> LedgerEvent.SEND.equals(e.ev())
                && LedgerEvent.OK.equals(e.outcome())).map(LedgerEvent::t).sorted().toList();
        List<Long> recvs = events.stream().filter(e -> LedgerEvent.RECV.equals(e.ev())).map(LedgerEvent::t)
                .sorted().toList();
        List<RoundResult> out = new ArrayList<>();
        for (RoundResult r : rounds) {
            Outage o = outages.stream().filter(x -> !"start".equals(x.fault()) && Math.abs(x.at() - r.at()) < 1000
                    && r.node().equals(x.node())).findFirst().orElse(null);
            long windowEnd = r.restartAt() + (r.failbackMs() != null ? r.failbackMs() : 0) + 2000;
            out.add(new RoundResult(r.round(), r.fault(), r.node(), o != null ? o.at() : r.at(), r.takeoverMs(),
                    o != null ? o.sendGapMs() : null, o != null ? o.receiveGapMs() : null, r.restartAt(),
                    r.failbackMs(), longestGap(sends, r.restartAt(), windowEnd),
                    longestGap(recvs, r.restartAt(), windowEnd)));
        }
        return out;
    }

    /** The longest time without an event in [from, to], counting from {@code from}; null if nothing happened. */
    static Long longestGap(List<Long> times, long from, long to) {
        long prev = from;
        long longest = -1;
        boolean any = false;
        for (long t : times) {
            if (t < from) {
                continue;
            }
            if (t > to) {
                break;
            }
            any = true;
            longest = Math.max(longest, t - prev);
            prev = t;
        }
        return any ? longest : null;
    }

    private static Map<String, NodeView> byName(List<NodeView> views) {
        Map<String, NodeView> m = new HashMap<>();
        views.forEach(v -> m.put(v.name(), v));
        return m;
    }

    private static Duration jitter(Duration d, Random random) {
        return random == null ? d : d.plusMillis(random.nextInt((int) Math.max(1, d.toMillis() / 2)));
    }

    /** Lets traffic run; the drill's one deliberate wait, with no condition to wait for. */
    private static void pause(Duration d, BooleanSupplier cancelled) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end && !cancelled.getAsBoolean()) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean await(CompletableFuture<?> f, Duration timeout) {
        if (f == null) {
            return true;
        }
        try {
            f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void unchecked(ThrowingRunnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts node state changes on the clients' timeline. */
    private static final class StateWatcher {
        private final Supervisor supervisor;
        private final Path ledgerFile;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        StateWatcher(Supervisor supervisor, Path ledgerFile) {
            this.supervisor = supervisor;
            this.ledgerFile = ledgerFile;
            this.thread = new Thread(this::loop, "drill-state-watcher");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running.set(false);
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void loop() {
            Map<String, NodeState> last = new HashMap<>();
            try (Ledger ledger = Ledger.open(ledgerFile)) {
                while (running.get()) {
                    for (NodeView v : supervisor.views()) {
                        if (last.put(v.name(), v.state()) != v.state()) {
                            ledger.append(LedgerEvent.state(System.currentTimeMillis(), v.name(), v.state().id()));
                        }
                    }
                    pause(Duration.ofMillis(100), () -> !running.get());
                }
            }
        }
    }

    /** The faults of a {@code --faults} list. */
    public static List<FaultKind> parseFaults(String csv) {
        return List.of(csv.split(",")).stream().filter(s -> !s.isBlank()).map(FaultKind::parse)
                .collect(Collectors.toList());
    }
}
