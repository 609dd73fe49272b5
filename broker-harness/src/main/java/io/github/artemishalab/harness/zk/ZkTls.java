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
        stores(cfg, "ssl.");
        cfg.put("ssl.clientAuth", clientAuth ? "need" : "none");
        cfg.put("sslQuorum", "true");
        stores(cfg, "ssl.quorum.");
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
        stores(p, "zookeeper.ssl.");
        return p;
    }

    /** ZooKeeper names the same six settings of a key and a truststore under each prefix. */
    private void stores(Map<String, String> settings, String prefix) {
        for (String store : new String[] {"keyStore", "trustStore"}) {
            settings.put(prefix + store + ".location", store.equals("keyStore") ? keyStore : trustStore);
            settings.put(prefix + store + ".password", password);
            settings.put(prefix + store + ".type", "PKCS12");
        }
    }
}
