package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.Ledger;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.lab.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One drill's folder, {@code runs/<timestamp>/}: the only place that knows the names of a run's files (ledgers, node
 * logs, results.json, report.html) and of the {@code latest} link beside it.
 */
public record RunFolder(Path root) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A new folder under {@code runs}, named by the time now (with a suffix if that second is taken). */
    public static RunFolder create(Path runs) {
        String stamp = LocalDateTime.now().format(STAMP);
        Path dir = runs.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = runs.resolve(stamp + "-" + i);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir, e);
        }
        return new RunFolder(dir);
    }

    public Path senderLedger() {
        return senderLedger(1);
    }

    public Path receiverLedger() {
        return receiverLedger(1);
    }

    /** The ledger of the drill's {@code i}-th sender (1-based): {@code sender.jsonl}, then {@code sender-2.jsonl}... */
    public Path senderLedger(int i) {
        return root.resolve(i == 1 ? "sender.jsonl" : "sender-" + i + ".jsonl");
    }

    public Path receiverLedger(int i) {
        return root.resolve(i == 1 ? "receiver.jsonl" : "receiver-" + i + ".jsonl");
    }

    /** The lab's faults and the nodes' role changes. */
    public Path faultLedger() {
        return root.resolve("faults.jsonl");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path results() {
        return root.resolve("results.json");
    }

    public Path report() {
        return root.resolve("report.html");
    }

    /** Every ledger of the run, merged in file order (senders, receivers, lab): read once per drill. */
    public List<LedgerEvent> readLedgers() {
        List<LedgerEvent> events = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 1; Files.exists(senderLedger(i)); i++) {
            files.add(senderLedger(i));
        }
        for (int i = 1; Files.exists(receiverLedger(i)); i++) {
            files.add(receiverLedger(i));
        }
        files.add(faultLedger());
        for (Path f : files) {
            events.addAll(Ledger.read(f));
        }
        return events;
    }

    /** Writes results.json and report.html, and points {@code runs/latest} here. */
    public void write(DrillResult result, List<LedgerEvent> events) {
        try {
            Json.writeAtomically(results(), result);
            Files.writeString(report(), ReportHtml.render(result, events), StandardCharsets.UTF_8);
            Path latest = root.getParent().resolve("latest");
            Files.deleteIfExists(latest);
            try {
                Files.createSymbolicLink(latest, root.getFileName());
            } catch (UnsupportedOperationException | IOException e) {
                Files.writeString(root.getParent().resolve("latest.txt"), root.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's results in " + root, e);
        }
    }
}
