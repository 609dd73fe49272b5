package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.ClientConfig;
import io.github.artemishalab.clients.Progress;
import io.github.artemishalab.clients.QueueSender;
import io.github.artemishalab.harness.lab.LabConfig;
import io.github.artemishalab.harness.lab.LabDirectory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Sequence-numbered JMS sends over the lab's HA URL. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send sequence-numbered persistent messages over the lab's HA URL at a steady rate, recording "
                + "every attempt in a ledger, until --count or Ctrl-C. Run it while you kill and restart brokers, "
                + "then ./lab verify.")
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    ClientOptions client;

    @Option(names = "--count", defaultValue = "20000", description = "How many messages (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--rate", defaultValue = "500", description = "Messages per second; 0 for as fast as confirmed "
            + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--id", description = "Sender id carried by every message (default: a new one per run).")
    String id;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LabDirectory dir = lab.directory();
        LabConfig config = dir.load();
        String senderId = id != null ? id : ClientConfig.newId("sender");
        ClientConfig cc = client.config(config, dir.ledgers().resolve(senderId + ".jsonl"), senderId);
        out.printf("Sending %d messages at %s msg/s as %s (%s) to %s%n  ledger %s%n", count,
                rate > 0 ? String.format("%.0f", rate) : "max", senderId, cc.delivery(), cc.queue(), cc.ledger());
        out.flush();
        Progress progress = new Progress("sent", count, out, System.console() != null);
        try (ClientRun run = new ClientRun()) {
            QueueSender.Result r = new QueueSender(cc, count, rate, progress).run(run::stopRequested);
            out.printf("Sent %d, confirmed %d, outcome unknown %d%s.%n", r.sent(), r.confirmed(), r.unknown(),
                    r.interrupted() ? " (stopped early)" : "");
            return 0;
        }
    }
}
