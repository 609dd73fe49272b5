package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueReceiver;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Consumes and records what it saw. */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Consume the lab's messages over the HA URL and record each receipt in a ledger, until "
                + "--count, --idle-timeout, --timeout or Ctrl-C.")
public final class ReceiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    ClientOptions client;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many distinct messages "
            + "(default: no limit).")
    long count;

    @Option(names = "--idle-timeout", converter = DurationConverter.class, description = "Stop after this long "
            + "without a message, once one arrived (e.g. 10s; default: never).")
    Duration idleTimeout;

    @Option(names = "--timeout", converter = DurationConverter.class, description = "Stop after this long in all, "
            + "whatever arrived: for a queue that may stay empty, where --idle-timeout never starts (e.g. 30s; "
            + "default: never).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LabDirectory dir = lab.directory();
        LabConfig config = dir.load();
        ClientConfig cc = client.config(config, dir.ledgers().resolve("receiver.jsonl"), "receiver");
        out.printf("Receiving from %s (%s)%n  ledger %s%n", cc.queue(), cc.delivery(), cc.ledger());
        out.flush();
        Progress progress = new Progress("received", count, out, System.console() != null);
        try (ClientRun run = new ClientRun()) {
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            QueueReceiver.Result r = new QueueReceiver(cc, count, idleTimeout, progress)
                    .run(() -> run.stopRequested() || System.nanoTime() > deadline);
            out.printf("Received %d%s (%s).%n", r.received(),
                    r.deduplicated() > 0 ? ", dropped " + r.deduplicated() + " redelivered duplicates" : "",
                    "interrupted".equals(r.ending()) && System.nanoTime() > deadline
                            ? "--timeout " + timeout.toSeconds() + " s reached" : r.ending());
            return 0;
        }
    }
}
