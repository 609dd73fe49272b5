package io.github.artemishalab.harness.bench;

import io.github.artemishalab.harness.topology.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The start-up section of BENCHMARKS.md: the lab beside stock Artemis per mode, or the lab alone. */
public final class StartupTable {

    static final String HOW = """

            How: each run starts `./lab up --mode M` on a fresh lab directory as a subprocess of the bench, exactly as \
            a user types it (the `lab` script, its JVM, the fault proxy, both nodes), and times it from the command to \
            its exit, the prompt; `up` says is the "Pair ready in" figure it prints, and JVM start, broker start and \
            backup sync come from the nodes' own status records. In the same run, interleaved run by run (who goes \
            first alternates), a stock pair of the same mode: two instances written by Artemis's own `artemis create` \
            (artemis-cli 2.44.0, the newest that resolves; `--shared-store` or `--replicated`, `--backup`, \
            `--cluster-user`, `--require-login`, a static cluster of the two), each started as its own JVM at the same \
            moment: an `EmbeddedActiveMQ` of Artemis 2.55.0 given the instance's `broker.xml` and its JAAS login, with \
            the AMQP, STOMP, MQTT and OpenWire protocol managers an installation has, and `artemis.profile`'s JVM \
            flags with the lab's heap (64-256 MB). Stock ready is the backup's own log line, AMQ221031 (announced, \
            shared-store) or AMQ221024 (in sync, replication), timed from launching both JVMs. lab / stock is taken \
            run by run. Not in the stock figure: the `artemis` script and its CLI boot (`bin/artemis run`), which a \
            user of an installation also waits for. RSS: each JVM's resident memory once ready (lab total: both nodes \
            and the fault proxy; stock total: both brokers).
            """;

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
        md.append(HOW);
        if (!stock) {
            md.append("\nStock Artemis pairs not measured in this run: Artemis's CLI could not be fetched.\n");
        }
        return md.toString();
    }
}
