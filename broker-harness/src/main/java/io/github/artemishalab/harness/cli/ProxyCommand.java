package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.net.ProxyMain;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** The lab's fault proxy in the foreground: what the supervisor starts before a proxied lab's nodes. */
@Command(name = "proxy", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the lab's fault proxy on the links in NET_DIR/links.json, applying NET_DIR/rules.json.")
public final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--net-dir", required = true, paramLabel = "NET_DIR", description = "The lab's net/ folder.")
    Path netDir;

    @Option(names = "--exit-with", paramLabel = "PID", description = "Exit when process PID ends.")
    Long exitWith;

    @Override
    public Integer call() throws Exception {
        return ProxyMain.run(netDir, exitWith == null ? OptionalLong.empty() : OptionalLong.of(exitWith),
                spec.commandLine().getErr());
    }
}
