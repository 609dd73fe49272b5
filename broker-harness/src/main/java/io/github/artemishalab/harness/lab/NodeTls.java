package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.tls.LabTls;
import io.github.artemishalab.harness.zk.ZkTls;
import java.util.List;

/**
 * What a node of a TLS lab is started with: its stores' paths as system properties for its broker.xml (the password
 * goes by the environment, {@value #PASSWORD_ENV}), the whole JIT, and a ZooKeeper server's or client's settings.
 */
final class NodeTls {

    /** Where a node finds the stores' password: the environment, which ps does not show, as it shows arguments. */
    static final String PASSWORD_ENV = "LAB_TLS_PASSWORD";

    private NodeTls() {
    }

    /**
     * JVM options of a broker of a TLS lab. C1 alone has no intrinsics for AES-GCM: 39 MB/s here against 1.7 GB/s
     * with C2, and a TLS pair's transacted sends fell to a sixth ({@code ./lab bench throughput --tls}).
     */
    static List<String> jvmOptions(LabConfig config) {
        return config.tls().enabled() ? List.of("-XX:TieredStopAtLevel=4") : List.of();
    }

    /** The {@code lab node} properties that turn on TLS in the node's broker.xml, with its own key. */
    static List<String> nodeProperties(LabConfig config, LabDirectory dir, String node) {
        if (!config.tls().enabled()) {
            return List.of();
        }
        LabTls tls = dir.tls();
        return List.of("-Dlab.tls.enabled=true", "-Dlab.tls.keystore=" + tls.keystore(node),
                "-Dlab.tls.truststore=" + tls.truststore(), "-Dlab.tls.client.auth=" + config.tls().clientAuth());
    }

    /** TLS for a ZooKeeper server (its own key) or a client of the ensemble (a broker, or the clients); or null. */
    static ZkTls zk(LabConfig config, LabDirectory dir, String owner) {
        if (!config.tls().enabled()) {
            return null;
        }
        LabTls tls = dir.tls();
        return new ZkTls(tls.keystore(owner).toString(), tls.truststore().toString(), config.tls().password(),
                config.tls().clientAuth());
    }
}
