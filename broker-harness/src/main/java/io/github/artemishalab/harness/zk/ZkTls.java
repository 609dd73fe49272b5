package io.github.artemishalab.harness.zk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS between the lab's ZooKeeper servers, and from its brokers (and {@code status}) to them: the same lab CA and
 * stores as the brokers' links.
 *
 * @param keyStore   this party's key (a server's, or a broker's when it is the client)
 * @param trustStore the lab's truststore
 * @param password   the stores' password
 * @param clientAuth whether a server demands a certificate of its clients (the quorum's peers always present one)
 */
public record ZkTls(String keyStore, String trustStore, String password, boolean clientAuth) {

    /** {@code zoo.cfg} lines: the client port speaks TLS only (Netty, as ZooKeeper requires), and so does the quorum. */
    public Map<String, String> serverConfig() {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
        cfg.put("ssl.keyStore.location", keyStore);
        cfg.put("ssl.keyStore.password", password);
        cfg.put("ssl.keyStore.type", "PKCS12");
        cfg.put("ssl.trustStore.location", trustStore);
        cfg.put("ssl.trustStore.password", password);
        cfg.put("ssl.trustStore.type", "PKCS12");
        cfg.put("ssl.clientAuth", clientAuth ? "need" : "none");
        cfg.put("sslQuorum", "true");
        cfg.put("ssl.quorum.keyStore.location", keyStore);
        cfg.put("ssl.quorum.keyStore.password", password);
        cfg.put("ssl.quorum.keyStore.type", "PKCS12");
        cfg.put("ssl.quorum.trustStore.location", trustStore);
        cfg.put("ssl.quorum.trustStore.password", password);
        cfg.put("ssl.quorum.trustStore.type", "PKCS12");
        return cfg;
    }

    /**
     * A ZooKeeper client's settings ({@code ZKClientConfig} keys, also read from system properties, which is how the
     * brokers' lock manager, built by Artemis, gets them).
     */
    public Map<String, String> clientConfig() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("zookeeper.client.secure", "true");
        p.put("zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty");
        p.put("zookeeper.ssl.keyStore.location", keyStore);
        p.put("zookeeper.ssl.keyStore.password", password);
        p.put("zookeeper.ssl.keyStore.type", "PKCS12");
        p.put("zookeeper.ssl.trustStore.location", trustStore);
        p.put("zookeeper.ssl.trustStore.password", password);
        p.put("zookeeper.ssl.trustStore.type", "PKCS12");
        return p;
    }
}
