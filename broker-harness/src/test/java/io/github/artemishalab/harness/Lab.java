package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.artemishalab.harness.cli.LabCommand;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.lab.NodeView;
import io.github.artemishalab.harness.lab.PortCheck;
import io.github.artemishalab.harness.lab.ProcessRecord;
import io.github.artemishalab.harness.lab.Supervisor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A lab directory for one test: runs {@code lab} commands in this JVM (the nodes are real child JVMs), and on
 * {@link #close()} kills every node it ever saw, pass or fail.
 */
public final class Lab implements AutoCloseable {

    /** The output of one command. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Path dir;
    private final int basePort;
    private final List<ProcessRecord> seen = new ArrayList<>();

    public Lab(Path dir) {
        this.dir = dir;
        this.basePort = freeBasePort();
    }

    /** A base port whose pair (N, N+100) is free now. */
    public static int freeBasePort() {
        return PortCheck.freePortPair("127.0.0.1");
    }

    public Path dir() {
        return dir;
    }

    public int basePort() {
        return basePort;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LabCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && !args[0].equals("node")) {
            all.add(1, "--lab-dir");
            all.add(2, dir.toString());
        }
        int code = cl.execute(all.toArray(String[]::new));
        remember();
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that must succeed. */
    public Result ok(String... args) {
        Result r = run(args);
        assertThat(r.exitCode()).as("lab %s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err()).isZero();
        return r;
    }

    public Result up(String mode, String... extra) {
        List<String> args = new ArrayList<>(List.of("up", "--mode", mode, "--base-port", Integer.toString(basePort)));
        args.addAll(List.of(extra));
        return ok(args.toArray(String[]::new));
    }

    public Supervisor supervisor() {
        LabDirectory d = new LabDirectory(dir);
        return new Supervisor(d, d.load(), false);
    }

    public NodeView node(String name) {
        NodeView v = supervisor().view(name);
        if (v.pid() != null) {
            v.status().ifPresent(s -> remember(new ProcessRecord(s.pid(), s.pidStart())));
        }
        return v;
    }

    public NodeState state(String name) {
        return node(name).state();
    }

    public void awaitState(String name, NodeState state, Duration atMost) {
        await(name + " " + state).atMost(atMost).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(state(name)).isEqualTo(state));
    }

    public String haUrl() {
        return supervisor().config().haUrl();
    }

    public String user() {
        return supervisor().config().user().user();
    }

    public String password() {
        return supervisor().config().user().password();
    }

    private void remember() {
        LabDirectory d = new LabDirectory(dir);
        if (!d.exists()) {
            return;
        }
        for (String n : List.of("primary", "backup")) {
            d.readPid(n).ifPresent(this::remember);
        }
    }

    private synchronized void remember(ProcessRecord r) {
        if (!seen.contains(r)) {
            seen.add(r);
        }
    }

    /** Stops the lab; whatever survives is killed. Never throws, so that it cannot hide a test's own failure. */
    @Override
    public void close() {
        try {
            run("down", "--timeout", "10s");
        } catch (RuntimeException ignored) {
            // fall through to the kill below
        }
        for (ProcessRecord r : seen) {
            r.alive().ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        }
    }
}
