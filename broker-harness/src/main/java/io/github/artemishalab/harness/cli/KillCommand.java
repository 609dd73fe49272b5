package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.Lab;
import io.github.artemishalab.harness.lab.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** SIGKILL, the fault a crash or a pulled plug looks like. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill a node with SIGKILL (kill -9): no clean shutdown, the OS drops its sockets and locks.")
public final class KillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Mixin
    NodeTarget target;

    @Override
    public Integer call() {
        Lab handle = lab.lab();
        Node node = handle.node(target.node);
        if (!handle.kill(node).isEmpty()) {
            spec.commandLine().getOut().printf("Killed %s (pid %d) with SIGKILL.%n", target.node, node.pid());
        } else {
            spec.commandLine().getOut().printf("%s is not running.%n", target.node);
        }
        return 0;
    }
}
