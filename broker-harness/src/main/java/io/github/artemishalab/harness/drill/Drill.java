package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.ContinuityVerifier;
import io.github.artemishalab.clients.verify.Verdict;
import io.github.artemishalab.clients.verify.VerifyOptions;
import io.github.artemishalab.harness.lab.Conditions;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.StateRecorder;
import io.github.artemishalab.harness.lab.Termination;
import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A failover exercise on a fresh lab, as one forward pipeline: start the lab, start traffic, run the rounds (each
 * fault tagged with its round in the fault ledger), drain, read the run's ledgers once, verify, measure the rounds
 * from that one reading, tear down. The run folder keeps the ledgers, the node logs and the results.
 */
public final class Drill {

    /** What the live line shows; updated by the drill thread, read by the printer. */
    public record Phase(int round, int rounds, String what) {
    }

    private static final Duration DWELL_AFTER_FAULT = Duration.ofMillis(1500);
    private static final Duration DWELL_AFTER_FAILBACK = Duration.ofMillis(1500);
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration DRAIN_IDLE = Duration.ofSeconds(3);

    private final DrillOptions options;
    private final Path labDir;
    private final RunFolder run;
    private final boolean verbose;
    private final AtomicReference<Phase> phase = new AtomicReference<>(new Phase(0, 0, "starting the lab"));
    private final Traffic traffic = new Traffic();
    private volatile Lab lab;
    private long startedAt;
    private long endedAt;
    private volatile List<LedgerEvent> events = List.of();

    /**
     * @param labDir the lab directory the drill's nodes live in; it is reset first (drills own it)
     * @param run    where the run's ledgers, logs and results go
     */
    public Drill(DrillOptions options, Path labDir, RunFolder run, boolean verbose) {
        this.options = options;
        this.labDir = labDir;
        this.run = run;
        this.verbose = verbose;
    }

    /** The run's ledgers as the drill read them, once, after the drain (empty before). */
    public List<LedgerEvent> events() {
        return events;
    }

    public Phase phase() {
        return phase.get();
    }

    public long sentCount() {
        return traffic.sentCount();
    }

    public long receivedCount() {
        return traffic.receivedCount();
    }

    public boolean clientsFailingOver() {
        return traffic.failingOver();
    }

    /** The lab's nodes now, for the live line; empty before the lab exists. */
    public List<Node> nodes() {
        Lab l = lab;
        return l == null ? List.of() : l.nodes();
    }

    /**
     * Runs the drill. Never leaves a node running. Throws {@link LabException} only when the lab itself failed
     * before any traffic (it did not start); a failure later ends the drill early with a note.
     */
    public DrillResult run(BooleanSupplier cancelled) {
        startedAt = System.currentTimeMillis();
        Lab l = Lab.builder().mode(options.mode()).size(options.size()).discovery(options.discovery()).dir(labDir)
                .tls(options.tls())
                .basePort(options.basePort())
                .failback(options.failback()).faultProxy(options.net().proxy()).verbose(verbose)
                .faultLedger(run.faultLedger())
                .classDataArchive(note -> { }).build();
        lab = l;
        List<RoundResult> rounds = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long labStartMs;
        try (l) {
            long t0 = System.nanoTime();
            try {
                l.start(options.timeout(), n -> { });
            } catch (LabException e) {
                l.supervisor().killAll();
                throw e;
            }
            labStartMs = (System.nanoTime() - t0) / 1_000_000;
            try (StateRecorder recorder = StateRecorder.start(l); traffic) {
                startTraffic(l, cancelled);
                runRounds(l, rounds, cancelled, notes);
                drain(notes);
            }
            phase.set(new Phase(rounds.size(), options.rounds(), "tearing down"));
            endedAt = System.currentTimeMillis();
            l.supervisor().killAll(); // not a fault: nothing is measured any more
            l.directory().copyLogs(run.logs());
        }
        notes.addAll(traffic.crashes());
        return result(labStartMs, rounds, notes);
    }

    private void startTraffic(Lab l, BooleanSupplier cancelled) {
        List<ClientConfig> senders = new ArrayList<>();
        List<ClientConfig> receivers = new ArrayList<>();
        for (int i = 1; i <= options.clients(); i++) {
            senders.add(new ClientConfig(l.haUrl(), l.user(), l.password(), "exampleQueue", options.delivery(),
                    run.senderLedger(i), ClientConfig.newId("sender"), options.watchdog()));
            receivers.add(new ClientConfig(l.haUrl(), l.user(), l.password(), "exampleQueue", options.delivery(),
                    run.receiverLedger(i), i == 1 ? "receiver" : "receiver-" + i, options.watchdog()));
        }
        traffic.start(senders, receivers, options.messages() != null ? options.messages() : Long.MAX_VALUE,
                options.rate(), DRAIN_IDLE);
        phase.set(new Phase(0, options.rounds(), "warming up"));
        // traffic first: the first fault must land on a lab that is already carrying messages
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (traffic.receivedCount() == 0 && System.nanoTime() < deadline && !cancelled.getAsBoolean()
                && traffic.crashes().isEmpty()) {
            pause(Duration.ofMillis(50), cancelled);
        }
        pause(WARM_UP, cancelled);
    }

    private void runRounds(Lab l, List<RoundResult> rounds, BooleanSupplier cancelled, List<String> notes) {
        Random random = options.seed() != null ? new Random(options.seed()) : null;
        try {
            for (int r = 1; r <= options.rounds() && !cancelled.getAsBoolean(); r++) {
                FaultKind fault = random != null ? options.faults().get(random.nextInt(options.faults().size()))
                        : options.faults().get((r - 1) % options.faults().size());
                rounds.add(round(l, r, fault, random, cancelled));
            }
            if (cancelled.getAsBoolean()) {
                notes.add("interrupted (Ctrl-C)");
            }
            long elapsed = System.currentTimeMillis() - startedAt;
            if (options.duration() != null && elapsed < options.duration().toMillis() && !cancelled.getAsBoolean()) {
                phase.set(new Phase(options.rounds(), options.rounds(), "sending"));
                pause(Duration.ofMillis(options.duration().toMillis() - elapsed), cancelled);
            } else {
                pause(Duration.ofSeconds(1), cancelled);
            }
        } catch (LabException e) {
            notes.add(0, "the lab failed: " + e.getMessage());
        }
    }

    private RoundResult round(Lab l, int r, FaultKind fault, Random random, BooleanSupplier cancelled) {
        l.faults().round(r);
        List<Node> candidates = l.nodes().stream().filter(Node::running).filter(fault.target()).toList();
        if (candidates.isEmpty()) {
            throw new LabException("no node for " + fault + " in round " + r + " (" + l.state().describe() + ")");
        }
        // the -any faults take each node in turn (at random with a seed); the others hit the one that qualifies
        Node target = !fault.rotates() ? candidates.get(0)
                : candidates.get(random != null ? random.nextInt(candidates.size()) : (r - 1) % candidates.size());
        phase.set(new Phase(r, options.rounds(), fault + " (" + target.name() + ")"));
        if (fault.network() || fault.action() == FaultKind.Action.KILL_MAJORITY) {
            return new NetworkRound(l, options, what -> phase.set(new Phase(r, options.rounds(), what)),
                    d -> pause(jitter(d, random), cancelled)).run(r, fault, target, cancelled);
        }

        long at = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Termination style = fault.style();
        // a clean stop takes as long as the handover: wait for the takeover beside it
        CompletableFuture<List<Node>> injected = style == Termination.ABRUPT
                ? CompletableFuture.completedFuture(l.kill(target))
                : CompletableFuture.supplyAsync(() -> l.stop(n -> n.name().equals(target.name()), style));
        Long takeoverMs = null;
        // in a pair, another node takes over from an active one that goes; a cluster member has nobody to take over
        if (options.mode().paired() && (fault.hitsActive() || fault.rotates() && target.isActive())) {
            l.await(Conditions.takeover(target).within(options.timeout()));
            takeoverMs = (System.nanoTime() - t0) / 1_000_000;
        }
        injected.join();
        pause(jitter(DWELL_AFTER_FAULT, random), cancelled);

        phase.set(new Phase(r, options.rounds(), "restarting " + target.name()));
        var back = l.afterStart(target.name()).within(options.timeout());
        long restartAt = System.currentTimeMillis();
        long t1 = System.nanoTime();
        l.start(n -> n.name().equals(target.name()));
        l.await(back);
        if (options.mode().cluster()) {
            // back in the cluster: its bridges re-formed, so what it kept on its disk can move to the consumers
            l.await(Conditions.ready().within(options.timeout()));
        }
        if (options.mode().quorum()) {
            // a ZooKeeper fault may have cost a broker its session: it stopped itself and starts again here
            l.await(new NetworkRound(l, options, what -> phase.set(new Phase(r, options.rounds(), what)),
                    d -> { }).settle(Conditions.ready(), cancelled).within(options.timeout()));
        }
        long failbackMs = (System.nanoTime() - t1) / 1_000_000;
        pause(jitter(DWELL_AFTER_FAILBACK, random), cancelled);
        return new RoundResult(r, fault, target.name(), at, takeoverMs, null, null, restartAt, failbackMs, null, null);
    }

    private void drain(List<String> notes) {
        phase.set(new Phase(options.rounds(), options.rounds(), "draining"));
        if (traffic.stopSender(options.timeout()) == Traffic.Ending.STILL_RUNNING) {
            notes.add("the sender did not stop within " + options.timeout().toSeconds() + " s");
        }
        if (traffic.awaitDrained(options.timeout().plus(DRAIN_IDLE)) == Traffic.Ending.STILL_RUNNING) {
            notes.add("the receiver did not drain within " + options.timeout().toSeconds() + " s");
        }
    }

    private DrillResult result(long labStartMs, List<RoundResult> rounds, List<String> notes) {
        events = run.readLedgers();
        VerifyOptions verifying = VerifyOptions.defaults().withDelivery(options.delivery().id());
        ContinuityReport report = ContinuityVerifier.verify(events, verifying);
        List<RoundResult> measured = MemberCuts.measure(RoundGaps.measure(rounds, report.outages(), events), events,
                lab.topology());
        boolean labFailed = notes.stream().anyMatch(n -> n.startsWith("the lab failed"));
        boolean clientCrashed = !traffic.crashes().isEmpty();
        String verdict;
        int exit;
        if (labFailed) {
            verdict = "lab-failed";
            exit = LabException.LAB_FAILED;
        } else if (clientCrashed && report.verdict() == Verdict.OK) {
            // what was recorded holds, but a crashed client did not finish its part: nobody can say it all held
            verdict = Verdict.UNKNOWN.label();
            exit = Verdict.UNKNOWN.exitCode();
        } else {
            verdict = report.verdict().label();
            exit = report.exitCode();
        }
        boolean cluster = options.mode().cluster(); // every member active is the design, not a split brain
        int watchdogReconnects = (int) events.stream().filter(e -> e instanceof LedgerEvent.Failover f
                && "WATCHDOG_RECONNECT".equals(f.kind())).count();
        return new DrillResult(options.mode().id(), options.delivery().id(), options.rate(),
                options.seed() != null ? options.seed() : 0, options.failback(), startedAt, System.currentTimeMillis(),
                labStartMs, measured, report, verdict, exit, notes.isEmpty() ? null : String.join("; ", notes),
                watchdogReconnects, cluster ? SplitBrains.NONE : SplitBrains.of(events, verifying,
                System.currentTimeMillis()), options.mode() == Mode.CLUSTER ? null : overlaps(),
                NodeTraffic.of(events, lab.topology()));
    }

    private ActiveOverlaps overlaps() {
        Lab l = lab;
        try {
            return ActiveOverlaps.readByPair(l.directory(), l.topology(), events,
                    endedAt > 0 ? endedAt : System.currentTimeMillis());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Duration jitter(Duration d, Random random) {
        return random == null ? d : d.plusMillis(random.nextInt((int) Math.max(1, d.toMillis() / 2)));
    }

    /** Lets traffic run; the drill's one deliberate wait, with no condition to wait for. */
    static void pause(Duration d, BooleanSupplier cancelled) {
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
}
