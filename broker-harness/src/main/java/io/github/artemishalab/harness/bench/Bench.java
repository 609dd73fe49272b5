package io.github.artemishalab.harness.bench;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Delivery;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueSender;
import io.github.artemishalab.harness.drill.Drill;
import io.github.artemishalab.harness.drill.DrillOptions;
import io.github.artemishalab.harness.drill.NetFaults;
import io.github.artemishalab.harness.net.Cut;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.artemishalab.harness.drill.DrillResult;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.drill.RoundResult;
import io.github.artemishalab.harness.drill.RunFolder;
import io.github.artemishalab.harness.lab.Conditions;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.Node;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.tls.TlsOptions;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Role;
import io.github.artemishalab.harness.topology.Topology;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The lab's figures: pair start-up, outage per fault, backup activation against journal depth, and throughput.
 * Every figure comes from real pairs started for it in {@code <lab-dir>/bench/}; nothing is timed in a test.
 */
public final class Bench {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final int PAYLOAD = 1024;

    private final Path root;
    private final int runs;
    private final Consumer<String> progress;

    /**
     * @param root     where the bench's pairs live (reset for every pair)
     * @param runs     how many times each figure is measured
     * @param progress one line per step, for a user who waits
     */
    public Bench(Path root, int runs, Consumer<String> progress) {
        this.root = root;
        this.runs = runs;
        this.progress = progress;
    }

    /** A throughput setup's prefix for the same pair with TLS on every link ("tls replication"). */
    public static final String TLS_SETUP = "tls ";

    /** A fresh, stopped pair in its own folder, on free ports. */
    private Lab freshPair(Mode mode, String name) {
        return freshPair(mode, name, TlsOptions.OFF);
    }

    private Lab freshPair(Mode mode, String name, TlsOptions tls) {
        return Lab.builder().mode(mode).dir(root.resolve(name)).faultLedger(root.resolve(name).resolve("faults.jsonl"))
                .tls(tls).classDataArchive(progress).build();
    }

    // ---------------------------------------------------------------- startup

    /** A process's resident set size in MiB, from {@code /proc} (Linux); null where that cannot be read. */
    static Long rssMib(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux, or the process is gone: no figure rather than a wrong one
        }
        return null;
    }

    // ---------------------------------------------------------------- failover

    /** Outage figures over {@code runs} rounds of one fault. */
    public record Failover(Stats backupActive, Stats sendGap, Stats receiveGap, long worstMs, int stuckRounds,
                           Stats failbackGap, String verdict, int watchdogReconnects) {
    }

    public Failover failover(Mode mode, FaultKind fault) {
        return failover(mode, fault, TlsOptions.OFF);
    }

    /** As above, the pair's links speaking TLS when {@code tls} says so. */
    public Failover failover(Mode mode, FaultKind fault, TlsOptions tls) {
        Path run = root.resolve("failover-" + mode.id() + "-" + fault.id() + (tls.enabled() ? "-tls" : ""));
        new LabDirectory(run).purge();
        // a quorum's isolation takes a ZooKeeper session to resolve: hold the cut past it
        NetFaults net = mode.quorum() ? new NetFaults(true, NetFaults.DEFAULT.cut(), Duration.ofSeconds(30),
                NetFaults.DEFAULT.delay()) : NetFaults.DEFAULT;
        Drill drill = new Drill(new DrillOptions(mode, List.of(fault), runs, null, null, 200, Delivery.EXACTLY_ONCE,
                null, true, PortCheck.freeBasePort("127.0.0.1", mode), TIMEOUT, ClientConfig.DEFAULT_WATCHDOG, net,
                Topology.DEFAULT_CLUSTER_SIZE, 1, io.github.artemishalab.harness.topology.Discovery.STATIC, tls),
                root.resolve("drill"), new RunFolder(run), false);
        progress.accept(String.format("failover %s%s %s: %d rounds at 200 msg/s (exactly-once)", mode,
                tls.enabled() ? " (TLS)" : "", fault, runs));
        DrillResult r = drill.run(() -> false);
        List<Long> active = new ArrayList<>();
        List<Long> send = new ArrayList<>();
        List<Long> recv = new ArrayList<>();
        List<Long> failback = new ArrayList<>();
        long worst = 0;
        int stuck = 0;
        for (RoundResult x : r.rounds()) {
            active.add(x.takeoverMs());
            send.add(x.sendGapMs());
            recv.add(x.receiveGapMs());
            failback.add(max(x.failbackSendGapMs(), x.failbackReceiveGapMs()));
            long w = Math.max(nz(x.sendGapMs()), nz(x.receiveGapMs()));
            worst = Math.max(worst, w);
            if (w > 5000 || x.sendGapMs() == null || x.receiveGapMs() == null) {
                stuck++;
            }
        }
        return new Failover(Stats.of(active), Stats.of(send), Stats.of(recv), worst, stuck, Stats.of(failback),
                r.verdict(), r.watchdogReconnects());
    }

    // ---------------------------------------------------------------- network

    /**
     * What a network fault costs, over {@code runs} rounds of one fault held for {@code hold}: how long until a node
     * took over (null rounds: nobody did), the clients' send and receive gaps, and the split brains.
     */
    @JsonPropertyOrder({"takeover", "sendGap", "receiveGap", "takeoverRounds", "splitBrains", "splitBrainMs",
            "lostInSplitBrain", "verdict"})
    public record Network(Stats takeover, Stats sendGap, Stats receiveGap, int takeoverRounds, int splitBrains,
                          long splitBrainMs, int lostInSplitBrain, String verdict) {
    }

    public Network network(Mode mode, FaultKind fault, Cut cut, Duration hold) {
        String name = fault.id() + "-" + cut.name().toLowerCase(java.util.Locale.ROOT);
        Path run = root.resolve("network-" + mode.id() + "-" + name);
        new LabDirectory(run).purge();
        Drill drill = new Drill(new DrillOptions(mode, List.of(fault), runs, null, null, 200, Delivery.EXACTLY_ONCE,
                null, true, PortCheck.freePortPair("127.0.0.1"), TIMEOUT, ClientConfig.DEFAULT_WATCHDOG,
                new NetFaults(true, cut, hold, NetFaults.DEFAULT.delay())), root.resolve("drill"), new RunFolder(run),
                false);
        progress.accept(String.format("network %s %s --%s: %d rounds held %d s at 200 msg/s (exactly-once)", mode,
                fault, cut.name().toLowerCase(java.util.Locale.ROOT), runs, hold.toSeconds()));
        DrillResult r = drill.run(() -> false);
        List<Long> takeover = r.rounds().stream().map(RoundResult::takeoverMs).filter(java.util.Objects::nonNull)
                .toList();
        return new Network(Stats.of(takeover), Stats.of(r.rounds().stream().map(RoundResult::sendGapMs).toList()),
                Stats.of(r.rounds().stream().map(RoundResult::receiveGapMs).toList()), takeover.size(),
                r.splitBrains().windows().size(), r.splitBrains().totalMs(), r.splitBrains().lostConfirmedDuring(),
                r.verdict());
    }

    // ---------------------------------------------------------------- activation

    /** Kill -9 of the primary with {@code depth} durable 1 KiB messages pending → the backup active. */
    public Stats activation(Mode mode, int depth) throws JMSException {
        List<Long> samples = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            try (Lab lab = freshPair(mode, "activation")) {
                lab.start(TIMEOUT, n -> { });
                fill(lab.config(), depth);
                long t0 = System.nanoTime();
                lab.kill(Node::isActive);
                lab.await(Conditions.failedOver().within(TIMEOUT));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                samples.add(ms);
                progress.accept(String.format("activation %s %d pending, run %d/%d: backup active after %d ms", mode,
                        depth, i, runs, ms));
                lab.kill(n -> true);
            }
        }
        return Stats.of(samples);
    }

    private static void fill(LabConfig c, int depth) throws JMSException {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(c.haUrl(), c.user().user(),
                c.user().password()); Connection conn = cf.createConnection()) {
            Session s = conn.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue("exampleQueue"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            byte[] body = new byte[PAYLOAD];
            for (int i = 1; i <= depth; i++) {
                var m = s.createBytesMessage();
                m.writeBytes(body);
                p.send(m);
                if (i % 500 == 0 || i == depth) {
                    s.commit();
                }
            }
        }
    }

    // ---------------------------------------------------------------- throughput

    /**
     * msg/s of one durable 1 KiB producer and one consumer; the lab's own sender and Artemis's perf client (sent and
     * received, null when it could not be fetched) beside them.
     */
    public record Throughput(Stats blocking, Stats tx100, Stats consume, Stats labSender, Stats perfSent,
                             Stats perfReceived) {
    }

    /**
     * {@code setup}: "single" (a replication primary without its backup), or a mode's pair; {@code perf}: the tool
     * whose perf client runs last in every run, or empty.
     */
    public Throughput throughput(String setup, Optional<ArtemisCliTool> perf) throws JMSException, IOException {
        List<Long> blocking = new ArrayList<>();
        List<Long> tx = new ArrayList<>();
        List<Long> consume = new ArrayList<>();
        List<Long> labSender = new ArrayList<>();
        List<Long> perfSent = new ArrayList<>();
        List<Long> perfReceived = new ArrayList<>();
        boolean single = setup.equals("single");
        boolean tls = setup.startsWith(TLS_SETUP);
        Mode mode = single ? Mode.REPLICATION : Mode.parse(setup.substring(tls ? TLS_SETUP.length() : 0));
        for (int i = 1; i <= runs; i++) {
            try (Lab lab = freshPair(mode, "throughput", tls ? new TlsOptions(true, false) : TlsOptions.OFF)) {
                NodeSpec primary = lab.topology().member(Topology.PAIR, Role.PRIMARY);
                if (single) {
                    lab.start(n -> n.is(Role.PRIMARY));
                    lab.await(Conditions.state(primary.name(), NodeState.ACTIVE).within(TIMEOUT));
                } else {
                    lab.start(TIMEOUT, n -> { });
                }
                LabConfig c = lab.config();
                // the proxy opens a node's door a probe (20 ms) after the node listens: a lone URL retries a little
                String url = single ? c.clientUrl(primary) + (c.clientUrl(primary).contains("?") ? "&" : "?")
                        + "initialConnectAttempts=50&retryInterval=100" : c.haUrl();
                blocking.add(produce(c, url, 3000, false));
                tx.add(produce(c, url, 20000, true));
                consume.add(consume(c, url, 23000));
                labSender.add(labSender(c, url, 3000));
                String perfLine = "";
                if (perf.isPresent()) {
                    PerfClient.Rates r = PerfClient.run(perf.get(), url, c.user().user(), c.user().password(),
                            root.resolve("throughput"));
                    perfSent.add(r.sent());
                    perfReceived.add(r.received());
                    perfLine = String.format(", perf client %d sent / %d received", r.sent(), r.received());
                }
                progress.accept(String.format("throughput %s run %d/%d: blocking %d, tx100 %d, consume %d, lab sender "
                        + "%d%s msg/s", setup, i, runs, last(blocking), last(tx), last(consume), last(labSender),
                        perfLine));
                lab.kill(n -> true);
            }
        }
        return new Throughput(Stats.of(blocking), Stats.of(tx), Stats.of(consume), Stats.of(labSender),
                perf.isPresent() ? Stats.of(perfSent) : null, perf.isPresent() ? Stats.of(perfReceived) : null);
    }

    private static long produce(LabConfig c, String url, int count, boolean transacted) throws JMSException {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, c.user().user(), c.user().password());
             Connection conn = cf.createConnection()) {
            Session s = conn.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("exampleQueue"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            byte[] body = new byte[PAYLOAD];
            long t0 = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                var m = s.createBytesMessage();
                m.writeBytes(body);
                p.send(m);
                if (transacted && (i % 100 == 0 || i == count)) {
                    s.commit();
                }
            }
            return Math.round(count / ((System.nanoTime() - t0) / 1e9));
        }
    }

    private static long consume(LabConfig c, String url, int count) throws JMSException {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, c.user().user(), c.user().password());
             Connection conn = cf.createConnection()) {
            conn.start();
            Session s = conn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("exampleQueue"));
            long t0 = System.nanoTime();
            int got = 0;
            while (got < count && consumer.receive(5000) != null) {
                got++;
            }
            return Math.round(got / ((System.nanoTime() - t0) / 1e9));
        }
    }

    private long labSender(LabConfig c, String url, int count) throws JMSException {
        Path ledger = root.resolve("throughput").resolve("lab-sender.jsonl");
        ClientConfig cc = new ClientConfig(url, c.user().user(), c.user().password(), "exampleQueue",
                Delivery.EXACTLY_ONCE, ledger, ClientConfig.newId("bench"));
        long t0 = System.nanoTime();
        QueueSender.Result r = new QueueSender(cc, count, 0, Progress.silent()).run(() -> false);
        return Math.round(r.confirmed() / ((System.nanoTime() - t0) / 1e9));
    }

    private static long last(List<Long> l) {
        return l.get(l.size() - 1);
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

}
