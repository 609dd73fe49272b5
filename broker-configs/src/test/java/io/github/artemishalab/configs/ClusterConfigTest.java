package io.github.artemishalab.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.JGroupsFileBroadcastEndpointFactory;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.HAPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ScaleDownConfiguration;
import org.apache.activemq.artemis.core.config.ha.PrimaryOnlyPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cluster/node.xml}, loaded as a standalone Artemis loads it (schema-validated after substitution): an active
 * member without a backup, in a symmetric cluster reached through two seeds, that moves messages to consumers and
 * scales down on a clean stop.
 */
class ClusterConfigTest {

    private static final List<String> PROPERTIES = List.of("lab.name", "lab.host", "lab.bind.host", "lab.port",
            "lab.peer.host", "lab.peer.port", "lab.peer2.host", "lab.peer2.port", "lab.data.dir", "lab.cluster.user",
            "lab.cluster.password", "lab.scale.down", "lab.tls.enabled", "lab.tls.keystore", "lab.tls.keystore.password",
            "lab.tls.truststore", "lab.tls.truststore.password", "lab.tls.client.auth");

    @BeforeEach
    @AfterEach
    void clear() {
        PROPERTIES.forEach(System::clearProperty);
    }

    private static Configuration load() throws Exception {
        URL url = ClusterConfigTest.class.getResource("/broker-configs/cluster/node.xml");
        assertThat(url).as("classpath resource").isNotNull();
        FileConfiguration cfg = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(url.toString());
        deployment.addDeployable(cfg);
        deployment.readConfiguration();
        return cfg;
    }

    private static String hostPort(TransportConfiguration t) {
        return t.getParams().get("host") + ":" + t.getParams().get("port");
    }

    @Test
    void aMemberServesWithoutBackupInASymmetricClusterThroughTwoSeeds() throws Exception {
        Configuration cfg = load();
        assertThat(cfg.getName()).isEqualTo("node1");
        assertThat(cfg.getHAPolicyConfiguration().getType()).isEqualTo(HAPolicyConfiguration.TYPE.PRIMARY_ONLY);
        ScaleDownConfiguration scaleDown = ((PrimaryOnlyPolicyConfiguration) cfg.getHAPolicyConfiguration())
                .getScaleDownConfiguration();
        assertThat(scaleDown.isEnabled()).as("scale-down on a clean stop").isTrue();
        assertThat(scaleDown.getConnectors()).containsExactly("seed1", "seed2");

        assertThat(cfg.getConnectorConfigurations()).containsOnlyKeys("self", "seed1", "seed2");
        assertThat(hostPort(cfg.getConnectorConfigurations().get("self"))).isEqualTo("127.0.0.1:61616");
        assertThat(hostPort(cfg.getConnectorConfigurations().get("seed1"))).isEqualTo("127.0.0.1:61617");
        assertThat(hostPort(cfg.getConnectorConfigurations().get("seed2"))).isEqualTo("127.0.0.1:61618");

        ClusterConnectionConfiguration cc = cfg.getClusterConfigurations().get(0);
        assertThat(cc.getConnectorName()).isEqualTo("self");
        assertThat(cc.getStaticConnectors()).containsExactly("seed1", "seed2");
        assertThat(cc.getMessageLoadBalancingType()).isEqualTo(MessageLoadBalancingType.ON_DEMAND);
        assertThat(cc.getMaxHops()).isEqualTo(1);
        assertThat(cc.getConnectionTTL()).isEqualTo(5000);
        assertThat(cfg.getAddressSettings().get("#").getRedistributionDelay())
                .as("redistribution-delay: messages follow the consumers at once").isZero();
        assertThat(cfg.isSecurityEnabled()).isTrue();
        assertThat(cfg.getJournalDirectory()).isEqualTo("./data/journal");
    }

    private static Configuration load(String resource) throws Exception {
        URL url = ClusterConfigTest.class.getResource(resource);
        assertThat(url).as("classpath resource " + resource).isNotNull();
        FileConfiguration cfg = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(url.toString());
        deployment.addDeployable(cfg);
        deployment.readConfiguration();
        return cfg;
    }

    /** The seedless member: the same member, its cluster and its scale-down fed by a JGroups channel. */
    @Test
    void aJGroupsMemberFindsTheOthersOnAChannelInsteadOfThroughSeeds() throws Exception {
        Configuration cfg = load("/broker-configs/cluster/node-jgroups.xml");
        assertThat(cfg.getConnectorConfigurations()).containsOnlyKeys("self");
        ClusterConnectionConfiguration cc = cfg.getClusterConfigurations().get(0);
        assertThat(cc.getStaticConnectors()).isNullOrEmpty();
        assertThat(cc.getDiscoveryGroupName()).isEqualTo("lab-discovery");
        assertThat(cc.getMessageLoadBalancingType()).isEqualTo(MessageLoadBalancingType.ON_DEMAND);
        ScaleDownConfiguration scaleDown = ((PrimaryOnlyPolicyConfiguration) cfg.getHAPolicyConfiguration())
                .getScaleDownConfiguration();
        assertThat(scaleDown.isEnabled()).isTrue();
        assertThat(scaleDown.getDiscoveryGroup()).isEqualTo("lab-discovery");
        assertThat(cfg.getBroadcastGroupConfigurations()).singleElement().satisfies(b -> {
            assertThat(b.getConnectorInfos()).containsExactly("self");
            assertThat(b.getEndpointFactory()).isInstanceOf(JGroupsFileBroadcastEndpointFactory.class);
            assertThat(((JGroupsFileBroadcastEndpointFactory) b.getEndpointFactory()).getFile())
                    .isEqualTo("jgroups-file-ping.xml");
        });
        assertThat(cfg.getDiscoveryGroupConfigurations()).containsOnlyKeys("lab-discovery");
    }

    /** The stack it names is one JGroups itself accepts: every protocol and attribute known (the channel is made, not
     * connected), and no multicast in it. */
    @Test
    void theJGroupsStackIsValidAndNeedsNoMulticast() throws Exception {
        String xml = new String(ClusterConfigTest.class.getResourceAsStream("/broker-configs/cluster/"
                + "jgroups-file-ping.xml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try (org.jgroups.JChannel channel = new org.jgroups.JChannel(new java.io.ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            assertThat(channel.getProtocolStack().getTransport()).isInstanceOf(org.jgroups.protocols.TCP.class);
            Object discovery = channel.getProtocolStack().findProtocol(org.jgroups.protocols.FILE_PING.class);
            assertThat(discovery).isNotNull();
        }
    }

    /** A pair of a cluster of pairs: replication within its group, ON_DEMAND across the cluster, seeds next door. */
    @Test
    void aPairInAClusterReplicatesWithinItsGroupAndBalancesAcrossTheCluster() throws Exception {
        Configuration primary = load("/broker-configs/cluster-of-pairs/primary.xml");
        Configuration backup = load("/broker-configs/cluster-of-pairs/backup.xml");
        org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration p =
                (org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration)
                        primary.getHAPolicyConfiguration();
        org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration b =
                (org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration)
                        backup.getHAPolicyConfiguration();
        assertThat(p.getGroupName()).isEqualTo("pair-1");
        assertThat(b.getGroupName()).isEqualTo("pair-1");
        assertThat(p.isCheckForActiveServer()).isTrue();
        assertThat(b.isAllowFailBack()).isTrue();
        assertBalancedAcrossTheClusterThroughTheNextPair(primary, backup);
        System.setProperty("lab.group", "pair-7");
        System.setProperty("lab.seed1.port", "62001");
        try {
            Configuration other = load("/broker-configs/cluster-of-pairs/backup.xml");
            assertThat(((org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration)
                    other.getHAPolicyConfiguration()).getGroupName()).isEqualTo("pair-7");
            assertThat(hostPort(other.getConnectorConfigurations().get("seed1"))).isEqualTo("127.0.0.1:62001");
        } finally {
            System.clearProperty("lab.group");
            System.clearProperty("lab.seed1.port");
        }
    }

    /**
     * A pair of a cluster of shared-store pairs: the pair's two nodes lock one journal, a clean stop hands over and
     * the primary takes its journal back; across the cluster as a replicated pair.
     */
    @Test
    void aSharedStorePairInAClusterLocksItsOwnJournalAndBalancesAcrossTheCluster() throws Exception {
        System.setProperty("lab.data.dir", "/tmp/pair-3/data");
        try {
            Configuration primary = load("/broker-configs/cluster-of-shared-store-pairs/primary.xml");
            Configuration backup = load("/broker-configs/cluster-of-shared-store-pairs/backup.xml");
            SharedStorePrimaryPolicyConfiguration p = (SharedStorePrimaryPolicyConfiguration)
                    primary.getHAPolicyConfiguration();
            SharedStoreBackupPolicyConfiguration b = (SharedStoreBackupPolicyConfiguration)
                    backup.getHAPolicyConfiguration();
            assertThat(p.isFailoverOnServerShutdown()).isTrue();
            assertThat(b.isAllowFailBack()).isTrue();
            assertThat(b.isRestartBackup()).isTrue();
            assertThat(b.isFailoverOnServerShutdown()).isTrue();
            for (Configuration cfg : List.of(primary, backup)) {
                assertThat(cfg.getJournalDirectory()).isEqualTo("/tmp/pair-3/data/journal");
                assertThat(cfg.getNodeManagerLockDirectory()).isEqualTo("/tmp/pair-3/data/journal");
                cfg.getConnectorConfigurations().forEach((name, c) -> assertThat(c.getParams())
                        .as("connector " + name).containsEntry("connect-timeout-millis", "2000"));
            }
            assertBalancedAcrossTheClusterThroughTheNextPair(primary, backup);
        } finally {
            System.clearProperty("lab.data.dir");
        }
    }

    private static void assertBalancedAcrossTheClusterThroughTheNextPair(Configuration... nodes) {
        for (Configuration cfg : nodes) {
            ClusterConnectionConfiguration cc = cfg.getClusterConfigurations().get(0);
            assertThat(cc.getStaticConnectors()).containsExactly("peer", "seed1", "seed2");
            assertThat(cc.getMessageLoadBalancingType()).isEqualTo(MessageLoadBalancingType.ON_DEMAND);
            assertThat(cfg.getAddressSettings().get("#").getRedistributionDelay()).isZero();
            assertThat(hostPort(cfg.getConnectorConfigurations().get("seed1"))).isEqualTo("127.0.0.1:61617");
            assertThat(hostPort(cfg.getConnectorConfigurations().get("seed2"))).isEqualTo("127.0.0.1:61717");
        }
    }

    @Test
    void theListedPropertiesAreExactlyTheOnesTheFileReads() throws Exception {
        String xml = new String(ClusterConfigTest.class.getResourceAsStream("/broker-configs/cluster/node.xml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.Set<String> read = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{(lab\\.[A-Za-z0-9.]+):").matcher(xml);
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(PROPERTIES);
    }

    @Test
    void everyLabPropertyOverridesItsDefault() throws Exception {
        Map<String, String> p = new java.util.HashMap<>(BrokerConfigsTest.TLS);
        p.putAll(Map.ofEntries(Map.entry("lab.name", "node7"), Map.entry("lab.host", "127.0.0.2"),
                Map.entry("lab.bind.host", "127.0.0.4"), Map.entry("lab.port", "62000"),
                Map.entry("lab.peer.host", "127.0.0.3"), Map.entry("lab.peer.port", "62001"),
                Map.entry("lab.peer2.host", "127.0.0.5"), Map.entry("lab.peer2.port", "62002"),
                Map.entry("lab.data.dir", "/tmp/member7"), Map.entry("lab.cluster.user", "u7"),
                Map.entry("lab.cluster.password", "p7"), Map.entry("lab.scale.down", "false")));
        assertThat(p.keySet()).containsExactlyInAnyOrderElementsOf(PROPERTIES);
        p.forEach(System::setProperty);
        Configuration cfg = load();
        assertThat(cfg.getName()).isEqualTo("node7");
        TransportConfiguration acceptor = cfg.getAcceptorConfigurations().iterator().next();
        assertThat(hostPort(acceptor)).isEqualTo("127.0.0.4:62000");
        assertThat(hostPort(cfg.getConnectorConfigurations().get("self"))).isEqualTo("127.0.0.2:62000");
        assertThat(hostPort(cfg.getConnectorConfigurations().get("seed1"))).isEqualTo("127.0.0.3:62001");
        assertThat(hostPort(cfg.getConnectorConfigurations().get("seed2"))).isEqualTo("127.0.0.5:62002");
        assertThat(cfg.getJournalDirectory()).isEqualTo("/tmp/member7/journal");
        assertThat(cfg.getClusterUser()).isEqualTo("u7");
        assertThat(cfg.getClusterPassword()).isEqualTo("p7");
        assertThat(((PrimaryOnlyPolicyConfiguration) cfg.getHAPolicyConfiguration()).getScaleDownConfiguration()
                .isEnabled()).isFalse();
        BrokerConfigsTest.assertTls(cfg);
    }
}
