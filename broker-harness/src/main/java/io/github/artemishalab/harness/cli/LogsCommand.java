package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.Lab;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints a node's broker log. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a node's log (Artemis's own log lines "
        + "and the lab's [lab] state lines), or the fault proxy's ('proxy': each link's door opening and shutting "
        + "with its node, and any error).")
public final class LogsCommand implements Callable<Integer> {

    private static final String PROXY = "proxy";

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    NodeTarget target;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, defaultValue = "200", description = "How many of the last lines to print "
            + "(default: ${DEFAULT-VALUE}; 0 for all).")
    int lines;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Lab handle = lab.lab();
        Path log;
        if (PROXY.equals(target.node)) {
            log = handle.supervisor().proxy().logFile();
        } else {
            handle.node(target.node);
            log = handle.directory().logFile(target.node);
        }
        if (!Files.exists(log)) {
            throw new LabException(LabException.USAGE, target.node + " has no log yet (" + log + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        int from = lines <= 0 ? 0 : Math.max(0, all.size() - lines);
        all.subList(from, all.size()).forEach(out::println);
        out.flush();
        if (!follow) {
            return 0;
        }
        long pos = Files.size(log);
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
            while (!Thread.currentThread().isInterrupted()) {
                long size = raf.length();
                if (size < pos) {
                    pos = 0; // the log was truncated
                }
                if (size > pos) {
                    raf.seek(pos);
                    byte[] buf = new byte[(int) Math.min(size - pos, 1 << 20)];
                    raf.readFully(buf);
                    pos += buf.length;
                    out.print(new String(buf, StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    Thread.sleep(200); // a file has no condition to wait on: poll it, as tail -f does
                }
            }
        }
        return 0;
    }
}
