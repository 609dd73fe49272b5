package io.github.artemishalab.harness.cli;

import java.util.Arrays;
import picocli.CommandLine;

/** The {@code lab} command line. */
public final class LabMain {

    private LabMain() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        int code = LabCommand.commandLine().execute(args);
        if (args.length > 0 && !args[0].equals("node") && !args[0].equals("zk-node")) {
            stopClientEventLoops();
        }
        System.exit(code);
    }

    /**
     * A JVM that exits waits up to 300 ms for every thread blocked in native code, which an Artemis client's Netty
     * event loops are (in epoll_wait) until their shared group's lazy shutdown ends, 100 ms or more after the last
     * connection closed: a third of a second on every command that opened a client (status, up). The command is done,
     * so the loops are stopped at once; the exit then waits only the few ms they take to end.
     */
    private static void stopClientEventLoops() {
        org.apache.activemq.artemis.core.remoting.impl.netty.SharedEventLoopGroup.forceShutdown();
    }

    /**
     * Artemis logs through SLF4J (slf4j-simple here). A node logs at INFO to its own output (its broker.log); every
     * other command stays quiet unless {@code --verbose}. Must run before the first logger is created.
     */
    static void configureLogging(String[] args) {
        boolean node = args.length > 0 && (args[0].equals("node") || args[0].equals("zk-node"));
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", node ? (verbose ? "debug" : "info") : verbose ? "info" : "error");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.logFile", node ? "System.out" : "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        // The clients record every failure in their ledgers; Artemis's own client logs (a failover listener rejected
        // while a connection closes, reconnect warnings) only repeat it, so the CLI shows them with --verbose only.
        if (!node && !verbose) {
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.activemq", "off");
        }
        // Artemis's audit loggers report every management read at INFO: noise in a lab.
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.activemq.audit", verbose ? "info" : "warn");
        // ZooKeeper's INFO (a zk-node's, and a replication-zk broker's client) prints its whole environment, the
        // classpath included, and every connection; the lab writes its own lines for roles. A broker keeps the
        // client's connection and session lines (which server, negotiated timeout); Curator's state changes
        // (SUSPENDED, LOST, RECONNECTED) stay at INFO.
        if (!verbose) {
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper", "warn");
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper.ClientCnxn", node ? "info" : "warn");
            // A zk-node warns, with a stack trace, for every refused connection to a peer that is down (all of them
            // while an ensemble starts) and nags about an unset connection limit: the lab's lines say who is down.
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper.server.quorum.QuorumCnxManager", "error");
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper.server.quorum.Learner", "error");
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper.server.ServerCnxnFactory", "error");
            // the fault proxy asks whether a server listens by opening a connection and resetting it at once
            setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper.server.NIOServerCnxn", "error");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
