package io.github.artemishalab.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The throughput section of BENCHMARKS.md: the lab's clients, and Artemis's perf client when it could be fetched. */
public final class ThroughputTable {

    static final String HOW = """

            How: single is a replication primary without its backup; the pairs are reached over the HA URL. blocking: \
            one producer, a blocking durable send each; tx 100: transacted, a commit every 100; consume: one \
            auto-acknowledging consumer draining them; lab sender: `./lab send`'s exactly-once sender. Artemis perf \
            client: `artemis perf client` of artemis-cli 2.44.0 (fetched with `./mvnw` at bench time, its own JVM; a \
            2.44 core client talks to the 2.55 brokers without a complaint), `--persistent --message-size 1024 \
            --max-pending 1`, one producer and one consumer together, 10 s of which the first 2 are warm-up, with \
            `confirmationWindowSize=20000` on the producer's URL as Artemis's perf-tools guide asks (without it the \
            client counts a send as done before the broker has stored it: 3,000-10,000 msg/s here, not durable); sent \
            is what the broker confirmed, the mean of the client's own per-second samples.
            """;

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
        md.append(HOW);
        if (!perf) {
            md.append("\nArtemis's perf client not run: its CLI could not be fetched.\n");
        }
        return md.toString();
    }
}
