package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.CannotConnectException;
import io.github.artemishalab.harness.lab.LabException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: lists the subcommands, and turns expected failures into one line on stderr. */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A laboratory for Apache ActiveMQ Artemis high availability: primary/backup pairs (shared "
                + "store, replication, replication with a ZooKeeper quorum) and active/active clusters of real "
                + "brokers in separate JVMs, faults injected on purpose, and clients that prove continuity.",
        subcommands = {DrillCommand.class, UpCommand.class, BenchCommand.class, StatusCommand.class, KillCommand.class, StopCommand.class,
                StartCommand.class, PartitionCommand.class, IsolateCommand.class, HealCommand.class,
                DelayCommand.class, DownCommand.class, LogsCommand.class, SendCommand.class, ReceiveCommand.class, VerifyCommand.class,
                NodeCommand.class, ZkNodeCommand.class, ProxyCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the check failed (status: no active node, or two; verify: continuity violated)",
                "2:bad usage (unknown option or node, busy lab directory or port)",
                "3:unknown (verify: the receiver did not drain, or messages are stuck on a cluster member that is down)", "4:the lab failed (a broker did not start or died)"})
public final class LabCommand {

    /** A command line with the lab's error handling, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LabCommand());
        // A usage error is one line and a hint, not the whole help page.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("lab: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            c.getErr().flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.originalArgs().contains("--verbose")
                    || parseResult.originalArgs().contains("-v");
            if (ex instanceof LabException le) {
                err.println("lab: " + le.getMessage());
                if (verbose && le.getCause() != null) {
                    le.getCause().printStackTrace(err);
                }
                err.flush();
                return le.exitCode();
            }
            if (ex instanceof CannotConnectException cc) {
                // the client's own verdict on its connection: the message says what and why
                err.println("lab: " + cc.getMessage());
                err.flush();
                return LabException.LAB_FAILED;
            }
            err.println("lab: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return LabException.LAB_FAILED;
        });
        return cl;
    }
}
