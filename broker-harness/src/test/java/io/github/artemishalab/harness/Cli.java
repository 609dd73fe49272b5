package io.github.artemishalab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.artemishalab.harness.cli.LabCommand;
import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.PortCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code lab} commands in this JVM against one lab directory, as a user types them (the nodes are real child
 * JVMs). {@link #close()} closes the {@link Lab} handle on that directory, which stops every node it saw.
 */
final class Cli implements AutoCloseable {

    /** The output of one command. */
    record Result(int exitCode, String out, String err) {
    }

    private final Path dir;
    private final int basePort = PortCheck.freePortPair("127.0.0.1");
    private Lab lab;

    Cli(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    int basePort() {
        return basePort;
    }

    /** Runs one command with {@code --lab-dir} added. */
    Result run(String... args) {
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
        Lab handle = lab();
        if (handle != null) {
            handle.nodes(); // remembers every node process there is now, for close()
        }
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that must succeed. */
    Result ok(String... args) {
        Result r = run(args);
        assertThat(r.exitCode()).as("lab %s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err()).isZero();
        return r;
    }

    /** {@code lab up --mode M --base-port N extra...}. */
    Result up(String mode, String... extra) {
        List<String> args = new ArrayList<>(List.of("up", "--mode", mode, "--base-port", Integer.toString(basePort)));
        args.addAll(List.of(extra));
        return ok(args.toArray(String[]::new));
    }

    /** The handle on the lab this directory holds; null before the first {@code up}. */
    Lab lab() {
        LabDirectory d = new LabDirectory(dir);
        if (lab == null && d.exists()) {
            lab = Lab.open(d, false);
        }
        return lab;
    }

    @Override
    public void close() {
        if (lab != null) {
            lab.close();
        }
    }
}
