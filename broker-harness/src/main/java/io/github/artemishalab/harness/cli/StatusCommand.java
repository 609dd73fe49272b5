package io.github.artemishalab.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.artemishalab.harness.lab.ClientTopology;
import io.github.artemishalab.harness.lab.Credentials;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.Node;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows who is active, who is backup, pids, ports, uptime. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the pair: each node's state (starting, active, backup, backup-in-sync, stopped), pid, "
                + "URL and uptime, the HA URL and the credentials. Exit code 0 when exactly one node is active, "
                + "1 when none is or both are (split brain).")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Option(names = "--json", description = "Print JSON for scripts (stable keys).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Lab handle = lab.lab();
        List<Node> nodes = handle.nodes();
        if (json) {
            out.println(Json.compact(StatusJson.of(handle, nodes)));
        } else {
            printTable(out, handle);
        }
        out.flush();
        return nodes.stream().filter(Node::isActive).count() == 1 ? 0 : 1;
    }

    /** {@code status --json}: stable keys, in this order. */
    @JsonPropertyOrder({"mode", "labDir", "nodes", "haUrl", "credentials"})
    record StatusJson(String mode, String labDir, List<NodeJson> nodes, String haUrl, Credentials credentials) {
        static StatusJson of(Lab lab, List<Node> nodes) {
            LabConfig c = lab.config();
            return new StatusJson(c.mode().id(), lab.directory().root().toString(),
                    nodes.stream().map(n -> new NodeJson(n.name(), n.state().id(), n.pid(), n.url())).toList(),
                    c.haUrl(), c.user());
        }
    }

    @JsonPropertyOrder({"name", "state", "pid", "url"})
    record NodeJson(String name, String state, Long pid, String url) {
    }

    static void printTable(PrintWriter out, Lab lab) {
        LabConfig c = lab.config();
        List<Node> views = lab.nodes();
        out.printf("Lab %s: %s, failback %s%n", lab.directory().root(), c.mode(), c.failback() ? "on" : "off");
        out.printf("  %-8s %-15s %-8s %-24s %s%n", "NODE", "STATE", "PID", "URL", "IN STATE FOR");
        long now = System.currentTimeMillis();
        for (Node v : views) {
            String forHow = v.running() ? v.status().map(s -> human(Duration.ofMillis(now - s.since()))).orElse("") : "";
            out.printf("  %-8s %-15s %-8s %-24s %s%n", v.name(), v.state(), v.pid() == null ? "-" : v.pid(), v.url(),
                    forHow);
        }
        long active = views.stream().filter(Node::isActive).count();
        if (active > 1) {
            out.println("  SPLIT BRAIN: both nodes are active and each accepts messages the other never sees.");
        } else if (active == 0) {
            out.println("  No node is active: clients wait (or fail) until one is.");
        }
        if (active > 0) {
            // what a client on the HA URL is told: the proof that the backup announced itself to the cluster
            for (String line : ClientTopology.read(c, Duration.ofSeconds(2))) {
                out.printf("  topology    %s%n", line);
            }
        }
        out.printf("  HA URL      %s%n", c.haUrl());
        out.printf("  user        %s / %s%n", c.user().user(), c.user().password());
        out.flush();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return String.format("%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
