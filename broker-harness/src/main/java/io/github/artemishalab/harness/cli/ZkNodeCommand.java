package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.lab.NodeProcess;
import io.github.artemishalab.harness.zk.ZkNodeConfig;
import io.github.artemishalab.harness.zk.ZkTls;
import io.github.artemishalab.harness.zk.ZkNodeRunner;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One ZooKeeper server of the lab's ensemble in the foreground: what the supervisor starts for replication-zk. */
@Command(name = "zk-node", hidden = true, mixinStandardHelpOptions = true,
        description = {"Run one ZooKeeper server of an ensemble in the foreground (a quorum peer, as ZooKeeper's own "
                + "QuorumPeerMain runs it), writing its role (leading, following, looking) to --status-file.",
                "Example, server 1 of 3: lab zk-node --id 1 --data-dir zk1 --client-port 2181 "
                        + "--servers 1=127.0.0.1:2888:3888,2=127.0.0.1:2889:3889,3=127.0.0.1:2890:3890"})
public final class ZkNodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--id", required = true, description = "This server's id (myid), one of those in --servers.")
    int id;

    @Option(names = "--name", description = "The node's name in the lab (default: zk<id>).")
    String name;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "This server's own directory: myid, zoo.cfg, snapshots and transaction logs.")
    Path dataDir;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Where the client port listens (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--client-port", required = true, paramLabel = "PORT",
            description = "The port the brokers' lock managers connect to.")
    int clientPort;

    @Option(names = "--servers", required = true, paramLabel = "ID=HOST:PEER:ELECTION,...",
            description = "Every server of the ensemble, this one included, as in ZooKeeper's server.N lines.")
    String servers;

    @Option(names = "--tick-ms", paramLabel = "MS", defaultValue = "" + ZkNodeConfig.DEFAULT_TICK_MS,
            description = "ZooKeeper's tickTime (default: ${DEFAULT-VALUE}; ZooKeeper's own: 2000).")
    int tickMs;

    @Option(names = "--status-file", paramLabel = "FILE", defaultValue = "status.json",
            description = "Where to keep this server's status (default: ${DEFAULT-VALUE}).")
    Path statusFile;

    @Option(names = {"-v", "--verbose"}, description = "ZooKeeper's own INFO logs.")
    boolean verbose;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "TLS on the client port and between the "
            + "servers, with this server's key (PKCS12; its password and the truststore's in $LAB_TLS_PASSWORD).")
    Path tlsKeystore;

    @Option(names = "--tls-truststore", paramLabel = "FILE", description = "The CA certificates this server trusts "
            + "(PKCS12), with --tls-keystore.")
    Path tlsTruststore;

    @Option(names = "--tls-client-auth", description = "With --tls-keystore: demand a certificate of every client.")
    boolean tlsClientAuth;

    @Option(names = "--exit-with", paramLabel = "PID",
            description = "Exit at once when process PID ends: a test's servers must not outlive a killed test JVM.")
    Long exitWith;

    @Override
    public Integer call() throws Exception {
        NodeProcess.exitWith(exitWith);
        ZkNodeConfig config;
        try {
            SortedMap<Integer, String> ensemble = ZkNodeConfig.parseServers(servers);
            if ((tlsKeystore == null) != (tlsTruststore == null)) {
                throw new IllegalArgumentException("--tls-keystore and --tls-truststore go together");
            }
            String password = System.getenv("LAB_TLS_PASSWORD");
            ZkTls tls = tlsKeystore == null ? null : new ZkTls(tlsKeystore.toAbsolutePath().toString(),
                    tlsTruststore.toAbsolutePath().toString(), password == null ? "" : password, tlsClientAuth);
            config = new ZkNodeConfig(id, host, clientPort, ensemble, tickMs, tls);
        } catch (IllegalArgumentException e) {
            throw new LabException(LabException.USAGE, e.getMessage());
        }
        new ZkNodeRunner(name != null ? name : "zk" + id, config, dataDir, statusFile.toAbsolutePath(),
                spec.commandLine().getOut()).run();
        return 0;
    }
}
