package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.clients.verify.ContinuityVerifier;
import io.github.artemishalab.clients.verify.ReportTable;
import io.github.artemishalab.clients.verify.VerifyOptions;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.LabException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reads the ledgers and says whether continuity held. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Read the ledgers of the lab's senders, receivers and faults and report: sent, confirmed, "
                + "received, lost (confirmed but never received), duplicated, unknown outcome, out of order, and "
                + "the outage around each fault.",
                "In a cluster, a confirmed message nobody received whose broker is down now is stuck on that "
                        + "broker's disk, not lost: verify says so and where.",
                "Exit code 0 ok, 1 violated (loss; or duplicates under exactly-once), 3 unknown (the receiver did "
                        + "not drain, or the only missing messages are stuck on a broker that is down)."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Option(names = "--json", description = "Print JSON (stable keys) instead of the table.")
    boolean json;

    @Option(names = "--stuck-after", defaultValue = "5s", converter = DurationConverter.class,
            description = "Flag an outage longer than this: SLOW when the clients were served again after it, STUCK "
                    + "when they were not (default: ${DEFAULT-VALUE}).")
    Duration stuckAfter;

    @Option(names = "--archive", description = "Afterwards, move the ledgers to runs/<timestamp>/ so that the next "
            + "experiment starts clean.")
    boolean archive;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LabDirectory dir = lab.directory();
        List<Path> ledgers = ledgerFiles(dir.ledgers());
        if (ledgers.isEmpty()) {
            throw new LabException(LabException.USAGE, "no ledgers in " + dir.ledgers()
                    + ": run ./lab send and ./lab receive first");
        }
        ContinuityReport report = ContinuityVerifier.verify(ledgers,
                VerifyOptions.defaults().withStuckThreshold(stuckAfter));
        StuckOnDownNodes stuck = StuckOnDownNodes.of(dir, ledgers, report);
        if (json) {
            out.println(stuck.none() ? Json.compact(report) : stuck.json(report));
        } else {
            out.print(stuck.none() ? ReportTable.render(report, ZoneId.systemDefault(), stuckAfter)
                    : stuck.render(report, stuckAfter));
        }
        if (archive) {
            Path run = dir.root().resolve("runs")
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(run.getParent());
            Files.move(dir.ledgers(), run);
            Json.writeAtomically(run.resolve("results.json"), report);
            if (!json) {
                out.printf("Ledgers and results moved to %s%n", run);
            }
        }
        out.flush();
        return stuck.exitCode(report);
    }

    static List<Path> ledgerFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
