package io.github.artemishalab.worksheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneBalanceTest {

    private static List<Path> paths(String... names) {
        return java.util.Arrays.stream(names).map(Path::of).toList();
    }

    private static int seconds(List<Path> lane) {
        return lane.stream().mapToInt(f -> WorksheetsIT.SECONDS.getOrDefault(f.getFileName().toString(), 100)).sum();
    }

    @Test
    void theLanedWorksheetsSplitIntoTwoLanesOfAboutEqualTime() {
        List<Path> files = paths("01-shared-store.md", "02-replication.md", "03-client-guarantees.md",
                "04-drills-and-tuning.md", "05-network-faults.md", "07-clusters.md");
        List<List<Path>> lanes = WorksheetsIT.balance(files, 2);
        assertThat(lanes).hasSize(2);
        assertThat(lanes.get(0)).as("05 (the longest) leads the first lane, in file name order")
                .containsExactly(paths("01-shared-store.md", "02-replication.md", "05-network-faults.md")
                        .toArray(Path[]::new));
        assertThat(lanes.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(files);
        assertThat(Math.abs(seconds(lanes.get(0)) - seconds(lanes.get(1)))).isLessThanOrEqualTo(10);
    }

    @Test
    void anUnknownWorksheetCountsAsAHundredSecondsAndOneLaneTakesAll() {
        List<Path> files = paths("08-new.md", "01-shared-store.md");
        assertThat(WorksheetsIT.balance(files, 1)).containsExactly(paths("01-shared-store.md", "08-new.md"));
        assertThat(WorksheetsIT.balance(files, 2)).containsExactly(paths("08-new.md"), paths("01-shared-store.md"));
    }
}
