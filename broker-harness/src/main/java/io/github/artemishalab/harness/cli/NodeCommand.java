package io.github.artemishalab.harness.cli;

import io.github.artemishalab.clients.ClientTls;
import io.github.artemishalab.harness.lab.NodeProcess;
import io.github.artemishalab.harness.node.NodeRunner;
import io.github.artemishalab.harness.node.RoleHooks;
import io.github.artemishalab.harness.zk.ZkTls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One broker in the foreground: what the supervisor starts, and what a user runs on another host. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run one embedded Artemis broker in the foreground from a broker.xml of broker-configs/.",
                "Options become the system properties the config reads (lab.host, lab.bind.host, lab.port, "
                        + "lab.peer.host, lab.peer.port, lab.data.dir, lab.name, lab.allow.failback); -D sets any other.",
                "Cluster credentials come from $LAB_CLUSTER_USER / $LAB_CLUSTER_PASSWORD, users from the JAAS "
                        + "login config (-Djava.security.auth.login.config or --login-config).",
                "TLS: -Dlab.tls.enabled=true -Dlab.tls.keystore=FILE -Dlab.tls.truststore=FILE "
                        + "[-Dlab.tls.client.auth=true], the stores' password in $LAB_TLS_PASSWORD (never on the "
                        + "command line, where ps shows it).",
                "Example, a backup on another host: lab node --config replication/backup.xml --name backup "
                        + "--host 10.0.0.2 --peer-host 10.0.0.1"})
public final class NodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The broker.xml to run.")
    Path config;

    @Option(names = "--name", required = true, description = "The node's name (primary, backup).")
    String name;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--bind-host", description = "Where the acceptor listens, when not on --host (the lab puts its "
            + "fault proxy on --host and the node behind it).")
    String bindHost;

    @Option(names = "--port", description = "This node's port (default: the config's).")
    Integer port;

    @Option(names = "--peer-host", description = "The other node's host (default: the config's).")
    String peerHost;

    @Option(names = "--peer-port", description = "The other node's port (default: the config's).")
    Integer peerPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The journal directory (default: ./data).")
    Path dataDir;

    @Option(names = "--status-file", paramLabel = "FILE", defaultValue = "status.json",
            description = "Where to keep this node's status (default: ${DEFAULT-VALUE}).")
    Path statusFile;

    @Option(names = "--login-config", paramLabel = "FILE", description = "JAAS login config with the 'activemq' "
            + "domain (users and roles).")
    Path loginConfig;

    @Option(names = "--failback", negatable = true, description = "Sets lab.allow.failback for the backup's config.")
    Boolean failback;

    @Option(names = "-D", paramLabel = "NAME=VALUE", description = "Any other system property for the config.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, description = "Artemis's debug logs.")
    boolean verbose;

    @Option(names = "--on-active", paramLabel = "CMD", description = "A command (sh -c) to run each time this node "
            + "becomes active, with LAB_NODE, LAB_ROLE, LAB_STATE and LAB_URL set; it never blocks or stops the broker.")
    String onActive;

    @Option(names = "--on-backup", paramLabel = "CMD", description = "A command (sh -c) to run each time this node "
            + "becomes a backup; as --on-active.")
    String onBackup;

    @Option(names = "--client-url", paramLabel = "URL", description = "Where clients reach this node, for the hooks' "
            + "LAB_URL (default: the acceptor's).")
    String clientUrl;

    @Option(names = "--exit-when-active", hidden = true,
            description = "Stop again once active: the warm-up run that records the class-data archive.")
    boolean exitWhenActive;

    @Option(names = "--exit-with", paramLabel = "PID", hidden = true,
            description = "Exit at once when process PID ends: a test's nodes must not outlive a killed test JVM.")
    Long exitWith;

    @Override
    public Integer call() throws Exception {
        NodeProcess.exitWith(exitWith);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("lab.name", name);
        props.put("lab.host", host);
        props.put("lab.bind.host", bindHost != null ? bindHost : host);
        if (port != null) {
            props.put("lab.port", port.toString());
        }
        if (peerHost != null) {
            props.put("lab.peer.host", peerHost);
        }
        if (peerPort != null) {
            props.put("lab.peer.port", peerPort.toString());
        }
        if (dataDir != null) {
            props.put("lab.data.dir", dataDir.toAbsolutePath().toString());
        }
        if (failback != null) {
            props.put("lab.allow.failback", failback.toString());
        }
        putEnv(props, "LAB_CLUSTER_USER", "lab.cluster.user");
        putEnv(props, "LAB_CLUSTER_PASSWORD", "lab.cluster.password");
        putEnv(props, "LAB_TLS_PASSWORD", "lab.tls.keystore.password");
        putEnv(props, "LAB_TLS_PASSWORD", "lab.tls.truststore.password");
        if (loginConfig != null) {
            props.put("java.security.auth.login.config", loginConfig.toAbsolutePath().toString());
        }
        // replication-zk: the JAAS login config holds the broker's users, and ZooKeeper's client would look in it for
        // a 'Client' section to log in to ZooKeeper with, warn with a stack trace, and fall back to no SASL on every
        // connection. The lab's ensemble has no authentication; -D zookeeper.sasl.client=true turns it back on.
        if (System.getProperty("zookeeper.sasl.client") == null) {
            props.put("zookeeper.sasl.client", "false");
        }
        props.putAll(properties);
        if (Boolean.parseBoolean(props.get("lab.tls.enabled")) && props.get("lab.tls.keystore") != null) {
            // a broker is a client of its peers, and connects with the connector they announce: it presents its own
            // key from these (a --client-auth peer demands one), as the lab's clients do
            props.putAll(ClientTls.keyProperties(props.get("lab.tls.keystore"),
                    props.getOrDefault("lab.tls.keystore.password", ""), "PKCS12"));
            if (props.containsKey("lab.zk.connect")) {
                // Artemis builds the lock manager's ZooKeeper client, which reads its TLS settings from here
                props.putAll(new ZkTls(props.get("lab.tls.keystore"), props.get("lab.tls.truststore"),
                        props.getOrDefault("lab.tls.keystore.password", ""), false).clientConfig());
            }
        }
        props.forEach(System::setProperty);

        PrintWriter out = spec.commandLine().getOut();
        String hookUrl = clientUrl != null ? clientUrl
                : "tcp://" + host + ":" + (port != null ? port : "(the config's port)");
        new NodeRunner(name, config, statusFile.toAbsolutePath(), out,
                new RoleHooks(name, onActive, onBackup, hookUrl, out)).run(exitWhenActive);
        return 0;
    }

    private static void putEnv(Map<String, String> props, String env, String property) {
        String v = System.getenv(env);
        if (v != null && !v.isBlank()) {
            props.put(property, v);
        }
    }
}
