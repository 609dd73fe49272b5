package io.github.artemishalab.harness.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Adds latency to a node's links. */
@Command(name = "delay", mixinStandardHelpOptions = true,
        description = {"Delay every byte on every link of a node, each way (a round trip gets twice the delay). "
                + "0 removes it; so does ./lab heal.", "Example: ./lab delay backup 200ms"})
public final class DelayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    NodeTarget target;

    @Parameters(index = "1", paramLabel = "DELAY", converter = DurationConverter.class,
            description = "How long, e.g. 200ms, 1s; 0 for none.")
    Duration delay;

    @Override
    public Integer call() {
        lab.lab().network().delay(target.node, delay);
        spec.commandLine().getOut().printf(delay.isZero() ? "No delay on %s's links.%n"
                : "Every link of %s delayed by %d ms each way.%n", target.node, delay.toMillis());
        return 0;
    }
}
