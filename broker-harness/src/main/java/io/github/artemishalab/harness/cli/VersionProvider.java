package io.github.artemishalab.harness.cli;

import org.apache.activemq.artemis.utils.VersionLoader;
import picocli.CommandLine;

/** Prints the lab's, Artemis's and Java's versions. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String lab = LabCommand.class.getPackage().getImplementationVersion();
        return new String[] {"artemis-ha-lab " + (lab != null ? lab : "(dev)"),
                "Apache ActiveMQ Artemis " + VersionLoader.getVersion().getFullVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
    }
}
