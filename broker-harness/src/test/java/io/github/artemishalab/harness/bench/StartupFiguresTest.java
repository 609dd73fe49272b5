package io.github.artemishalab.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.topology.Mode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupFiguresTest {

    private static LabUpRun.Result up(long wall) {
        return new LabUpRun.Result(wall, wall - 1500, 600, 500, 400, 127L, 124L, 76L);
    }

    @Test
    void ratioIsTakenRunByRunAndSkipsRunsWithoutBothSides() {
        Ratio r = Ratio.of(Arrays.asList(2000L, 3000L, 4000L, 9000L), Arrays.asList(4000L, 4000L, 4000L, null));
        assertThat(r.n()).isEqualTo(3);
        assertThat(r.median()).isEqualTo(0.75);
        assertThat(r.toString()).isEqualTo("0.75 (0.50–1.00, n=3)");
        assertThat(Ratio.of(List.of(), List.of()).toString()).isEqualTo("-");
    }

    @Test
    void tableShowsLabBesideStockWithTheRatioAndMemory() {
        Map<Mode, StartupBench.Result> results = new LinkedHashMap<>();
        results.put(Mode.SHARED_STORE, StartupBench.result(List.of(up(2000), up(3000)),
                List.of(new StockPair.Start(4000, 140L, 120L), new StockPair.Start(4000, 150L, 130L))));
        String md = StartupTable.markdown(results);
        assertThat(md).contains("| mode | `./lab up` wall clock | stock pair wall clock | lab / stock |")
                .contains("| shared-store | 2500 (2000–3000, n=2) | 4000 (4000–4000, n=2) | 0.63 (0.50–0.75, n=2) |")
                .contains("| 327 (327–327, n=2) | 145 (140–150, n=2) | 125 (120–130, n=2) | 270 (260–280, n=2) |")
                .doesNotContain("not measured");
        assertThat(BenchFigures.Startup.of(results.get(Mode.SHARED_STORE)).ratioMedian()).isEqualTo(0.63);
    }

    @Test
    void withoutTheToolTheStockColumnsAreLeftOutAndSaidSo() {
        Map<Mode, StartupBench.Result> results = Map.of(Mode.REPLICATION,
                StartupBench.result(List.of(up(2000)), null));
        String md = StartupTable.markdown(results);
        assertThat(md).doesNotContain("stock pair wall clock").contains("| replication | 2000 (2000–2000, n=1) |")
                .contains("Stock Artemis pairs not measured in this run");
        assertThat(BenchFigures.Startup.of(results.get(Mode.REPLICATION)).stockMedianMs()).isNull();
    }

    @Test
    void upSaysWhatItPrinted() {
        assertThat(LabUpRun.upSays("Starting ...\nPair ready in 2.3 s.\n")).isEqualTo(2300L);
        assertThat(LabUpRun.upSays("lab: port 61616 is busy")).isNull();
    }

    @Test
    void stockBackupIsWrittenByCreateAsABackupOfTheSameStoreOneAcceptorAboveThePrimary() {
        List<String> primary = StockPair.createArgs(Mode.SHARED_STORE, Path.of("/b/stock"), false, 1000);
        List<String> backup = StockPair.createArgs(Mode.SHARED_STORE, Path.of("/b/stock"), true, 1000);
        assertThat(primary).contains("create", "/b/stock/primary", "--shared-store", "--port-offset", "1000",
                "tcp://127.0.0.1:62617", "/b/stock/shared").doesNotContain("--backup");
        assertThat(backup).contains("/b/stock/backup", "--backup", "1001", "tcp://127.0.0.1:62616", "/b/stock/shared");
        assertThat(StockPair.createArgs(Mode.REPLICATION, Path.of("/b/r"), true, 7)).contains("--replicated")
                .doesNotContain("--data");
        assertThat(StockPair.backupReady(Mode.REPLICATION)).isEqualTo("AMQ221024");
    }
}
