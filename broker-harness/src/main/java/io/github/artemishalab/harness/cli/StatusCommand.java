package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.ClientTopology;
import io.github.artemishalab.harness.lab.Json;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeView;
import io.github.artemishalab.harness.lab.Supervisor;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Supervisor supervisor = lab.supervisor();
        List<NodeView> views = supervisor.views();
        if (json) {
            out.println(Json.compact(toJson(supervisor, views)));
        } else {
            printTable(out, supervisor);
        }
        out.flush();
        long active = views.stream().filter(v -> v.state() == NodeState.ACTIVE).count();
        return active == 1 ? 0 : 1;
    }

    static Map<String, Object> toJson(Supervisor supervisor, List<NodeView> views) {
        LabConfig c = supervisor.config();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", c.mode().id());
        root.put("labDir", supervisor.directory().root().toString());
        root.put("nodes", views.stream().map(v -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", v.name());
            n.put("state", v.state().id());
            n.put("pid", v.pid());
            n.put("url", v.url());
            return n;
        }).toList());
        root.put("haUrl", c.haUrl());
        Map<String, Object> cred = new LinkedHashMap<>();
        cred.put("user", c.user().user());
        cred.put("password", c.user().password());
        root.put("credentials", cred);
        return root;
    }

    static void printTable(PrintWriter out, Supervisor supervisor) {
        LabConfig c = supervisor.config();
        List<NodeView> views = supervisor.views();
        out.printf("Lab %s: %s, failback %s%n", supervisor.directory().root(), c.mode(), c.failback() ? "on" : "off");
        out.printf("  %-8s %-15s %-8s %-24s %s%n", "NODE", "STATE", "PID", "URL", "IN STATE FOR");
        long now = System.currentTimeMillis();
        for (NodeView v : views) {
            String forHow = v.running() ? v.status().map(s -> human(Duration.ofMillis(now - s.since()))).orElse("") : "";
            out.printf("  %-8s %-15s %-8s %-24s %s%n", v.name(), v.state(), v.pid() == null ? "-" : v.pid(), v.url(),
                    forHow);
        }
        long active = views.stream().filter(v -> v.state() == NodeState.ACTIVE).count();
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
