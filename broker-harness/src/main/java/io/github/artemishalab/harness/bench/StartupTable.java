package io.github.artemishalab.harness.bench;

import io.github.artemishalab.harness.topology.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The start-up section of BENCHMARKS.md: the lab beside stock Artemis per mode, or the lab alone. */
public final class StartupTable {

    private StartupTable() {
    }

    /** A Markdown section; the stock columns only when a stock pair was measured. */
    public static String markdown(Map<Mode, StartupBench.Result> results) {
        boolean stock = results.values().stream().allMatch(StartupBench.Result::stockMeasured);
        List<String> head = new ArrayList<>(List.of("mode", "`./lab up` wall clock"));
        if (stock) {
            head.addAll(List.of("stock pair wall clock", "lab / stock"));
        }
        head.addAll(List.of("`up` says", "JVM start", "broker start", "backup sync", "lab primary RSS",
                "lab backup RSS", "lab proxy RSS", "lab total RSS"));
        if (stock) {
            head.addAll(List.of("stock primary RSS", "stock backup RSS", "stock total RSS"));
        }
        StringBuilder md = new StringBuilder("\n### Startup: command to prompt (ms, RSS in MiB; median (min–max, n))"
                + "\n\n| " + String.join(" | ", head) + " |\n|" + " --- |".repeat(head.size()) + "\n");
        for (Map.Entry<Mode, StartupBench.Result> e : results.entrySet()) {
            StartupBench.Result r = e.getValue();
            List<Object> row = new ArrayList<>(List.of(e.getKey(), r.labWall()));
            if (stock) {
                row.addAll(List.of(r.stockWall(), r.ratio()));
            }
            row.addAll(List.of(r.upSays(), r.jvm(), r.broker(), r.sync(), r.primaryRss(), r.backupRss(), r.proxyRss(),
                    r.labTotalRss()));
            if (stock) {
                row.addAll(List.of(r.stockPrimaryRss(), r.stockBackupRss(), r.stockTotalRss()));
            }
            md.append("| ").append(String.join(" | ", row.stream().map(String::valueOf).toList())).append(" |\n");
        }
        if (!stock) {
            md.append("\nStock Artemis pairs not measured in this run: Artemis's CLI could not be fetched.\n");
        }
        return md.toString();
    }
}
