package io.github.artemishalab.harness.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZkTlsTest {

    private final ZkTls tls = new ZkTls("/lab/tls/zk1.p12", "/lab/tls/truststore.p12", "pw", true);

    @Test
    void aServerSpeaksTlsOnlyToItsClientsAndToItsPeers() {
        ZkNodeConfig c = new ZkNodeConfig(1, "127.0.0.1", 2181,
                ZkNodeConfig.parseServers("1=127.0.0.1:2888:3888,2=127.0.0.1:2889:3889,3=127.0.0.1:2890:3890"),
                200, tls);
        String cfg = c.zooCfg(Path.of("/data/zk1"));
        assertThat(cfg).contains("secureClientPort=2181\n").contains("secureClientPortAddress=127.0.0.1\n")
                .doesNotContain("\nclientPort=").contains("ssl.clientAuth=need\n").contains("sslQuorum=true\n")
                .contains("ssl.keyStore.location=/lab/tls/zk1.p12\n")
                .contains("ssl.quorum.keyStore.location=/lab/tls/zk1.p12\n")
                .contains("ssl.quorum.trustStore.location=/lab/tls/truststore.p12\n")
                .contains("serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory\n");
    }

    @Test
    void aClientGetsZooKeepersOwnClientSettings() {
        assertThat(tls.clientConfig()).containsAllEntriesOf(Map.of("zookeeper.client.secure", "true",
                "zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty",
                "zookeeper.ssl.keyStore.location", "/lab/tls/zk1.p12", "zookeeper.ssl.keyStore.password", "pw",
                "zookeeper.ssl.trustStore.location", "/lab/tls/truststore.p12",
                "zookeeper.ssl.trustStore.type", "PKCS12")).hasSize(8);
    }
}
