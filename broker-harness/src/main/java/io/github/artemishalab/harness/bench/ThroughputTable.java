package io.github.artemishalab.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The throughput section of BENCHMARKS.md: the lab's clients, and Artemis's perf client when it could be fetched. */
public final class ThroughputTable {

    private ThroughputTable() {
    }

    /** A Markdown section, one row per setup; the perf client's columns only when it ran. */
    public static String markdown(Map<String, Bench.Throughput> results) {
        boolean perf = results.values().stream().allMatch(t -> t.perfSent() != null);
        List<String> head = new ArrayList<>(List.of("setup", "blocking", "tx 100", "consume",
                "lab sender (exactly-once)"));
        if (perf) {
            head.addAll(List.of("Artemis perf client: sent", "Artemis perf client: received"));
        }
        StringBuilder md = new StringBuilder("\n### Throughput (msg/s; median (min–max, n); durable 1 KiB messages)"
                + "\n\n| " + String.join(" | ", head) + " |\n|" + " --- |".repeat(head.size()) + "\n");
        for (Map.Entry<String, Bench.Throughput> e : results.entrySet()) {
            Bench.Throughput t = e.getValue();
            List<Object> row = new ArrayList<>(List.of(e.getKey(), t.blocking(), t.tx100(), t.consume(),
                    t.labSender()));
            if (perf) {
                row.addAll(List.of(t.perfSent(), t.perfReceived()));
            }
            md.append("| ").append(String.join(" | ", row.stream().map(String::valueOf).toList())).append(" |\n");
        }
        if (!perf) {
            md.append("\nArtemis's perf client not run: its CLI could not be fetched.\n");
        }
        return md.toString();
    }
}
