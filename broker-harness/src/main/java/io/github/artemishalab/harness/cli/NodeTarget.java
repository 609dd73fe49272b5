package io.github.artemishalab.harness.cli;

import picocli.CommandLine.Parameters;

/** The node a command acts on; an unknown name is refused by the lab with the names it has. */
public final class NodeTarget {

    @Parameters(index = "0", paramLabel = "NODE", completionCandidates = NodeName.class,
            description = "primary or backup; zk1..zk3 (replication-zk); node1..nodeN (cluster); primaryN or backupN "
                    + "(a cluster of pairs). ./lab status lists them.")
    String node;
}
