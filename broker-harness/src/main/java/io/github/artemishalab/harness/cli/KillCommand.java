package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.Supervisor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** SIGKILL, the fault a crash or a pulled plug looks like. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill a node with SIGKILL (kill -9): no clean shutdown, the OS drops its sockets and locks.")
public final class KillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabDirOptions lab;

    @Parameters(paramLabel = "NODE", completionCandidates = NodeName.class, description = "primary or backup")
    String node;

    @Override
    public Integer call() {
        Supervisor supervisor = lab.supervisor();
        supervisor.config().node(node);
        Long pid = supervisor.view(node).pid();
        if (supervisor.kill(node)) {
            spec.commandLine().getOut().printf("Killed %s (pid %d) with SIGKILL.%n", node, pid);
        } else {
            spec.commandLine().getOut().printf("%s is not running.%n", node);
        }
        return 0;
    }
}
