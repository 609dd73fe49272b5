package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.bench.ArtemisCliTool;
import io.github.artemishalab.harness.bench.Bench;
import io.github.artemishalab.harness.bench.BenchFigures;
import io.github.artemishalab.harness.bench.Soak;
import io.github.artemishalab.harness.bench.Machine;
import io.github.artemishalab.harness.bench.StartupBench;
import io.github.artemishalab.harness.bench.StartupTable;
import io.github.artemishalab.harness.bench.Stats;
import io.github.artemishalab.harness.bench.ThroughputTable;
import io.github.artemishalab.harness.drill.FaultKind;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.net.Cut;
import io.github.artemishalab.harness.tls.TlsOptions;
import io.github.artemishalab.harness.topology.Mode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Measures the lab's figures and writes them down. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure what users of an HA lab care about, on real pairs started for it, and print medians "
                + "with min and max:",
                "  startup     ./lab up per mode as a user runs it (command to prompt), interleaved with a stock Artemis "
                        + "pair of the same mode (artemis create configs, both JVMs started at once, until the backup "
                        + "is announced or in sync), the ratio, the nodes' breakdown and each JVM's RSS",
                "  failover    kill -9 and clean stop, N rounds per mode (replication-zk: and a silent isolation): takeover, "
                        + "send and receive outage, failback gap",
                "  activation  kill -9 with 1k, 10k, 100k pending durable 1 KiB messages -> backup active",
                "  throughput  one durable 1 KiB producer (blocking; tx batches of 100) and a consumer on a single "
                        + "broker and on each pair, the lab's exactly-once sender, and Artemis's own perf client "
                        + "(artemis-cli 2.44.0, fetched with ./mvnw at bench time)",
                "  network     silent (--drop) and reset cuts of the replication link and of the active node, "
                        + "replication without a quorum (not part of all): time to a takeover, client outage, split "
                        + "brains and what they cost",
                "  soak        --cycles N kill -9 / restart / failback cycles per mode under exactly-once traffic "
                        + "(not part of all): verdict, losses, stuck clients, worst outage, memory and open files at "
                        + "start and end, oldreplica disk",
                "Results go to BENCHMARKS.md (each figure's section replaced) with the command, machine and date."})
public final class BenchCommand implements Callable<Integer> {

    private static final List<String> FIGURES = List.of("startup", "failover", "activation", "throughput");

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Parameters(paramLabel = "FIGURE", defaultValue = "all",
            description = "startup, failover, activation, throughput, all, network or soak (default: "
                    + "${DEFAULT-VALUE}).")
    String figure;

    @Option(names = "--runs", defaultValue = "5", description = "Samples per figure (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--depths", defaultValue = "1000,10000,100000", split = ",",
            description = "Pending messages for activation (default: ${DEFAULT-VALUE}).")
    List<Integer> depths;

    @Option(names = "--cycles", defaultValue = "100", description = "Cycles per mode for soak "
            + "(default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--tls", description = "Failover and throughput also with TLS on every link (lab up --tls): a "
            + "row beside each plain one, in the same run.")
    boolean tls;

    @Option(names = "--json", description = "Print the figures as JSON (stable keys, ms and msg/s).")
    boolean json;

    @Option(names = "--output", defaultValue = "BENCHMARKS.md", paramLabel = "FILE",
            description = "Markdown file to write the figures to (default: ${DEFAULT-VALUE}; '-' for none).")
    String output;

    @Override
    public Integer call() throws Exception {
        List<String> chosen = figure.equals("all") ? FIGURES : List.of(figure);
        if (!(FIGURES.containsAll(chosen) || figure.equals("soak") || figure.equals("network")) || runs < 1
                || cycles < 1) {
            throw new LabException(LabException.USAGE, "bench measures " + String.join(", ", FIGURES)
                    + ", all, soak or network, with --runs and --cycles 1 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        LabDirectory dir = lab.directory();
        Path root = dir.root().resolve("bench");
        Consumer<String> lines = line -> {
            progress.println("  " + line);
            progress.flush();
        };
        Bench bench = new Bench(root, runs, lines);
        String machine = Machine.describe();
        BenchFigures result = BenchFigures.of(machine);
        Map<String, String> sections = new LinkedHashMap<>();
        try (LabDirectory.LabLock ignored = new LabDirectory(root).lock("bench")) {
            for (String f : chosen) {
                progress.printf("%s (%d runs each) ...%n", f, runs);
                progress.flush();
                result = switch (f) {
                    case "startup" -> result.withStartup(startup(root, lines, sections));
                    case "failover" -> result.withFailover(failover(bench, sections));
                    case "activation" -> result.withActivation(activation(bench, sections));
                    case "soak" -> result.withSoak(soak(root, progress, sections));
                    case "network" -> result.withNetwork(network(bench, sections));
                    default -> result.withThroughput(throughput(bench, root, lines, sections));
                };
            }
        }
        String command = "./lab bench " + figure + (figure.equals("soak") ? " --cycles " + cycles : " --runs " + runs)
                + (tls ? " --tls" : "")
                + (chosen.contains("activation") ? " --depths " + depths.stream().map(String::valueOf)
                .reduce((a, b) -> a + "," + b).orElse("") : "");
        if (json) {
            out.println(Json.compact(result));
        } else {
            sections.values().forEach(out::print);
        }
        if (!output.equals("-")) {
            writeMarkdown(Path.of(output), command, machine, sections);
            if (!json) {
                out.printf("%nWritten to %s.%n", output);
            }
        }
        out.flush();
        return 0;
    }

    private Map<String, BenchFigures.Startup> startup(Path root, Consumer<String> progress,
                                                      Map<String, String> sections) {
        Optional<ArtemisCliTool> tool = StartupBench.tool(root.resolve("artemis-cli"), progress);
        Map<Mode, StartupBench.Result> results = new StartupBench(root, runs, tool, progress).run();
        Map<String, BenchFigures.Startup> json = new LinkedHashMap<>();
        results.forEach((mode, r) -> json.put(mode.id(), BenchFigures.Startup.of(r)));
        sections.put("startup", StartupTable.markdown(results));
        return json;
    }

    private Map<String, BenchFigures.Failover> failover(Bench bench, Map<String, String> sections) {
        Map<String, BenchFigures.Failover> json = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("| mode | fault | backup active | send gap | receive gap | worst | stuck "
                + "rounds | failback client gap | watchdog reopened | verdict |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Mode mode : List.of(Mode.REPLICATION, Mode.SHARED_STORE, Mode.REPLICATION_ZK)) {
            BenchFigures.Failover perMode = null;
            List<FaultKind> faults = mode.quorum()
                    ? List.of(FaultKind.KILL_ACTIVE, FaultKind.STOP_ACTIVE, FaultKind.ISOLATE_ACTIVE)
                    : List.of(FaultKind.KILL_ACTIVE, FaultKind.STOP_ACTIVE);
            for (FaultKind fault : faults) {
                Bench.Failover f = bench.failover(mode, fault, TlsOptions.OFF);
                BenchFigures.Failover m = BenchFigures.Failover.of(f);
                appendFailover(md, mode.toString(), fault, f);
                if (tls && !mode.quorum()) {
                    Bench.Failover t = bench.failover(mode, fault, new TlsOptions(true, false));
                    json.put(mode.id() + "-" + fault.id() + "-tls", BenchFigures.Failover.of(t));
                    appendFailover(md, mode + " (TLS)", fault, t);
                }
                if (fault == FaultKind.KILL_ACTIVE) {
                    perMode = m;
                } else if (fault == FaultKind.STOP_ACTIVE) {
                    perMode = perMode.withGracefulStop(m);
                } else {
                    json.put(mode.id() + "-" + fault.id(), m);
                }
            }
            json.put(mode.id(), perMode);
        }
        sections.put("failover", "\n### Failover (ms; median (min–max, n); 200 msg/s, exactly-once)\n\n" + md);
        return json;
    }

    private static void appendFailover(StringBuilder md, String setup, FaultKind fault, Bench.Failover f) {
        md.append("| ").append(setup).append(" | ").append(fault).append(" | ").append(f.backupActive())
                .append(" | ").append(f.sendGap()).append(" | ").append(f.receiveGap()).append(" | ")
                .append(f.worstMs()).append(" | ").append(f.stuckRounds()).append(" | ")
                .append(f.failbackGap()).append(" | ").append(f.watchdogReconnects()).append(" | ")
                .append(f.verdict()).append(" |\n");
    }

    private Map<String, BenchFigures.Activation> activation(Bench bench, Map<String, String> sections)
            throws Exception {
        Map<String, BenchFigures.Activation> json = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("| mode | " + String.join(" | ", depths.stream()
                .map(d -> d + " pending").toList()) + " | slope (ms per 10k) |\n|" + " --- |".repeat(depths.size() + 2)
                + "\n");
        for (Mode mode : List.of(Mode.REPLICATION, Mode.SHARED_STORE)) {
            Map<String, Long> m = new LinkedHashMap<>();
            md.append("| ").append(mode).append(" |");
            long first = -1;
            long last = -1;
            for (int depth : depths) {
                Stats s = bench.activation(mode, depth);
                m.put(Integer.toString(depth), s.median());
                md.append(' ').append(s).append(" |");
                first = first < 0 ? s.median() : first;
                last = s.median();
            }
            int span = depths.get(depths.size() - 1) - depths.get(0);
            double slope = span > 0 ? (last - first) * 10_000.0 / span : 0;
            md.append(String.format(" %.1f |%n", slope));
            json.put(mode.id(), new BenchFigures.Activation(m, Math.round(slope * 10) / 10.0));
        }
        sections.put("activation", "\n### Activation: kill -9 of the primary → backup active (ms)\n\n" + md);
        return json;
    }

    private Map<String, BenchFigures.Throughput> throughput(Bench bench, Path root, Consumer<String> progress,
                                                            Map<String, String> sections) throws Exception {
        Optional<ArtemisCliTool> perf = StartupBench.tool(root.resolve("artemis-cli"), progress);
        Map<String, BenchFigures.Throughput> json = new LinkedHashMap<>();
        Map<String, Bench.Throughput> results = new LinkedHashMap<>();
        List<String> setups = tls ? List.of("single", "shared-store", Bench.TLS_SETUP + "shared-store", "replication",
                Bench.TLS_SETUP + "replication") : List.of("single", "shared-store", "replication");
        for (String setup : setups) {
            Bench.Throughput t = bench.throughput(setup, perf);
            json.put(setup, BenchFigures.Throughput.of(t));
            results.put(setup, t);
        }
        sections.put("throughput", ThroughputTable.markdown(results));
        return json;
    }

    private Map<String, Bench.Network> network(Bench bench, Map<String, String> sections) {
        Map<String, Bench.Network> json = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("| fault | cut | held | a node took over after | rounds with a takeover "
                + "| send gap | receive gap | split brains (s in all) | lost in split brain | verdict |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (FaultKind fault : List.of(FaultKind.PARTITION_REPLICATION, FaultKind.ISOLATE_ACTIVE)) {
            for (Cut cut : List.of(Cut.DROP, Cut.RESET)) {
                // A reset is found at once; a silent cut needs the TTL and more: hold it long enough to see. The
                // brokers find each other gone after their 5 s TTL; a client checks its 10 s TTL only every TTL, so
                // it finds a silent connection dead 10 to 22 s after the cut: an isolation is held past that.
                int seconds = cut == Cut.RESET ? 8 : fault == FaultKind.ISOLATE_ACTIVE ? 30 : 20;
                java.time.Duration hold = java.time.Duration.ofSeconds(seconds);
                Bench.Network n = bench.network(Mode.REPLICATION, fault, cut, hold);
                String cutName = cut.name().toLowerCase(java.util.Locale.ROOT);
                json.put(fault.id() + "-" + cutName, n);
                md.append("| ").append(fault).append(" | ").append(cutName).append(" | ").append(hold.toSeconds())
                        .append(" s | ").append(n.takeover()).append(" | ").append(n.takeoverRounds()).append('/')
                        .append(runs).append(" | ").append(n.sendGap()).append(" | ").append(n.receiveGap())
                        .append(" | ").append(n.splitBrains()).append(String.format(" (%.1f)", n.splitBrainMs() / 1e3))
                        .append(" | ").append(n.lostInSplitBrain()).append(" | ").append(n.verdict()).append(" |\n");
            }
        }
        sections.put("network", "\n### Network faults (ms; median (min–max, n); replication, no quorum, 200 msg/s "
                + "exactly-once; each cut healed after its hold, a split brain ended by restarting the node that "
                + "took over)\n\n" + md);
        return json;
    }

    private Map<String, Soak.Result> soak(Path root, PrintWriter progress, Map<String, String> sections) {
        Map<String, Soak.Result> json = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("| mode | cycles done | verdict | sent | lost | duplicated | stuck | "
                + "watchdog | worst outage (ms) | oldreplica disk (MiB) | RSS MiB start → end | open files start → "
                + "end |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Mode mode : List.of(Mode.REPLICATION, Mode.SHARED_STORE)) {
            Soak.Result r = new Soak(root, line -> {
                progress.println("  " + line);
                progress.flush();
            }).run(mode, cycles);
            json.put(mode.id(), r);
            md.append("| ").append(mode).append(" | ").append(r.completed()).append('/').append(r.cycles())
                    .append(" | ").append(r.verdict()).append(r.note() != null ? " (" + r.note() + ")" : "")
                    .append(" | ").append(r.sent()).append(" | ").append(r.lost()).append(" | ")
                    .append(r.duplicated()).append(" | ").append(r.stuck()).append(" | ").append(r.watchdog())
                    .append(" | ").append(r.worstOutageMs()).append(" | ").append(r.oldReplicaMib()).append(" | ")
                    .append(footprint(r, Soak.Sample::rssMib)).append(" | ")
                    .append(footprint(r, Soak.Sample::openFiles)).append(" |\n");
        }
        sections.put("soak", "\n### Soak: kill -9 / restart / failback cycles, 200 msg/s exactly-once\n\n" + md);
        return json;
    }

    private static String footprint(Soak.Result r, java.util.function.Function<Soak.Sample, Long> figure) {
        return r.first().keySet().stream().sorted().map(node -> node + " " + figure.apply(r.first().get(node))
                + " → " + (r.last().containsKey(node) ? figure.apply(r.last().get(node)) : "-"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Replaces each measured figure's section between its markers, leaving the rest of the file as it was. */
    static void writeMarkdown(Path file, String command, String machine, Map<String, String> sections)
            throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\nFigures measured by `./lab bench`. "
                + "Each section says how it was measured; rerun the command to refresh it.\n";
        String when = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        for (Map.Entry<String, String> e : sections.entrySet()) {
            String begin = "<!-- bench:" + e.getKey() + " -->";
            String end = "<!-- /bench:" + e.getKey() + " -->";
            String body = begin + "\n" + e.getValue() + "\nMeasured " + when + " with `" + command + "` on " + machine
                    + ".\n" + end;
            Matcher m = Pattern.compile(Pattern.quote(begin) + ".*?" + Pattern.quote(end), Pattern.DOTALL).matcher(text);
            text = m.find() ? m.replaceFirst(Matcher.quoteReplacement(body)) : text + "\n" + body + "\n";
        }
        Files.writeString(file, text);
    }
}
