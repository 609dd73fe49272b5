package io.github.artemishalab.worksheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every worksheet ({@code worksheets/NN-*.md}) exactly as written, one dynamic test per worksheet, in file
 * name order. {@code -Dworksheet=02,03} runs only the worksheets whose names contain one of those strings.
 */
class WorksheetsIT {

    private static final Pattern WORKSHEET = Pattern.compile("\\d\\d-.+\\.md");

    private final Path repoRoot = Path.of(System.getProperty("worksheets.repoRoot", "..")).toAbsolutePath().normalize();
    private final Path dir = Path.of(System.getProperty("worksheets.dir", ".")).toAbsolutePath().normalize();
    private final Path runs = Path.of(System.getProperty("worksheets.runDir", "target/worksheet-runs")).toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> worksheets() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> WORKSHEET.matcher(p.getFileName().toString()).matches()).filter(this::selected)
                    .sorted().toList();
        }
        assertThat(files).as("worksheets in %s (filter: %s)", dir, System.getProperty("worksheet")).isNotEmpty();
        Files.createDirectories(runs);
        Files.deleteIfExists(runs.resolve("timings.txt"));
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> run(f)));
    }

    private boolean selected(Path file) {
        String filter = System.getProperty("worksheet", "").trim();
        return filter.isEmpty() || Arrays.stream(filter.split(",")).map(String::trim)
                .anyMatch(f -> !f.isEmpty() && file.getFileName().toString().contains(f));
    }

    private void run(Path file) throws Exception {
        Worksheet worksheet = Worksheet.read(file);
        assertThat(worksheet.blocks()).as("%s has no ```sh lab block to run", file.getFileName())
                .anyMatch(b -> b.kind() == Worksheet.Kind.COMMAND);
        long t0 = System.nanoTime();
        String outcome = "failed";
        try {
            try (WorksheetRun run = new WorksheetRun(worksheet, repoRoot,
                    runs.resolve(WorksheetRun.stem(worksheet.name())), System.out)) {
                run.run();
            }
            outcome = "passed"; // the teardown's check that every process is gone is part of passing
        } finally {
            double seconds = (System.nanoTime() - t0) / 1e9;
            String line = String.format(Locale.ROOT, "%-28s %6.1f s  %s%n", worksheet.name(), seconds, outcome);
            System.out.print("[worksheets] " + line);
            Files.writeString(runs.resolve("timings.txt"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
