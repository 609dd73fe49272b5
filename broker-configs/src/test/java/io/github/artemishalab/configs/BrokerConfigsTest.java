package io.github.artemishalab.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.HAPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.DistributedLockManagerConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicationBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicationPrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.lockmanager.DistributedLockManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads each broker.xml of this module the way a standalone Artemis broker does ({@link FileConfiguration} read by a
 * {@link FileDeploymentManager}, which substitutes {@code ${name:default}} and validates {@code <core>} against
 * Artemis's schema), then checks what the lab relies on: the HA policy, the pair's addresses, the cluster connection,
 * security, and that every {@code ${lab.*}} property really overrides its default.
 */
class BrokerConfigsTest {

    /** Every system property the configs read; cleared around each test so that defaults are really defaults. */
    private static final List<String> LAB_PROPERTIES = List.of("lab.host", "lab.bind.host", "lab.port", "lab.peer.host", "lab.peer.port",
            "lab.data.dir", "lab.name", "lab.cluster.user", "lab.cluster.password", "lab.allow.failback",
            "lab.failover.on.shutdown", "lab.check.for.active.server", "lab.zk.connect", "lab.zk.session.ms", "lab.zk.session.percent",
            "lab.tls.enabled", "lab.tls.keystore", "lab.tls.keystore.password", "lab.tls.truststore",
            "lab.tls.truststore.password", "lab.tls.client.auth");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(lab\\.[A-Za-z0-9.]+):([^}]*)}");

    /** One broker.xml: where it lives, and the ports and name it has when no property is set. */
    enum BrokerXml {
        SHARED_STORE_PRIMARY("shared-store", "primary", 61616, 61716, HAPolicyConfiguration.TYPE.SHARED_STORE_PRIMARY),
        SHARED_STORE_BACKUP("shared-store", "backup", 61716, 61616, HAPolicyConfiguration.TYPE.SHARED_STORE_BACKUP),
        REPLICATION_PRIMARY("replication", "primary", 61616, 61716,
                HAPolicyConfiguration.TYPE.REPLICATION_PRIMARY_QUORUM_VOTING),
        REPLICATION_BACKUP("replication", "backup", 61716, 61616,
                HAPolicyConfiguration.TYPE.REPLICATION_BACKUP_QUORUM_VOTING),
        REPLICATION_ZK_PRIMARY("replication-zk", "primary", 61616, 61716,
                HAPolicyConfiguration.TYPE.REPLICATION_PRIMARY_LOCK_MANAGER),
        REPLICATION_ZK_BACKUP("replication-zk", "backup", 61716, 61616,
                HAPolicyConfiguration.TYPE.REPLICATION_BACKUP_LOCK_MANAGER);

        final String mode;
        final String role;
        final int port;
        final int peerPort;
        final HAPolicyConfiguration.TYPE policy;

        BrokerXml(String mode, String role, int port, int peerPort, HAPolicyConfiguration.TYPE policy) {
            this.mode = mode;
            this.role = role;
            this.port = port;
            this.peerPort = peerPort;
            this.policy = policy;
        }

        /** Where the pom puts the file on the classpath (what the lab jar ships). */
        String resource() {
            return "/broker-configs/" + mode + "/" + role + ".xml";
        }

        /** The file in this module's source tree (surefire runs in the module's directory). */
        Path source() {
            return Path.of(mode, role + ".xml");
        }

        @Override
        public String toString() {
            return mode + "/" + role + ".xml";
        }
    }

    @BeforeEach
    @AfterEach
    void clearLabProperties() {
        LAB_PROPERTIES.forEach(System::clearProperty);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defaults: the same for all four files
    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void loadsWithArtemisParserAndHasTheLabDefaults(BrokerXml xml) throws Exception {
        Configuration cfg = load(xml);

        assertThat(cfg.getName()).as("broker name").isEqualTo(xml.role);
        assertThat(cfg.getHAPolicyConfiguration()).as("ha-policy").isNotNull();
        assertThat(cfg.getHAPolicyConfiguration().getType()).as("ha-policy type").isEqualTo(xml.policy);

        // acceptor: loopback, this node's default port, Core protocol only
        assertThat(cfg.getAcceptorConfigurations()).as("acceptors").hasSize(1);
        TransportConfiguration acceptor = cfg.getAcceptorConfigurations().iterator().next();
        assertThat(acceptor.getName()).as("acceptor name").isEqualTo("artemis");
        assertThat(param(acceptor, "host")).as("acceptor host").isEqualTo("127.0.0.1");
        assertThat(param(acceptor, "port")).as("acceptor port").isEqualTo(Integer.toString(xml.port));
        assertThat(param(acceptor, "protocols")).as("acceptor protocols").isEqualTo("CORE");

        // connectors: self (announced to clients and the peer) and peer (the static cluster member)
        assertThat(cfg.getConnectorConfigurations()).as("connectors").containsOnlyKeys("self", "peer");
        assertThat(hostPort(cfg.getConnectorConfigurations().get("self"))).as("self connector")
                .isEqualTo("127.0.0.1:" + xml.port);
        assertThat(hostPort(cfg.getConnectorConfigurations().get("peer"))).as("peer connector")
                .isEqualTo("127.0.0.1:" + xml.peerPort);
        // a failover connects with the announced connectors' parameters: a silent node must not cost Netty's 30 s
        cfg.getConnectorConfigurations().forEach((name, c) -> assertThat(c.getParams())
                .as("connector " + name + " connect timeout").containsEntry("connect-timeout-millis", "2000"));

        // cluster connection: announces self, reaches the peer through a static connector
        assertThat(cfg.getClusterConfigurations()).as("cluster connections").hasSize(1);
        ClusterConnectionConfiguration cc = cfg.getClusterConfigurations().get(0);
        assertThat(cc.getName()).as("cluster connection name").isEqualTo("lab-cluster");
        assertThat(cc.getConnectorName()).as("cluster connection connector-ref").isEqualTo("self");
        assertThat(cc.getStaticConnectors()).as("static connectors").containsExactly("peer");
        assertThat(cc.getDiscoveryGroupName()).as("discovery group").isNull();
        assertThat(cc.getRetryInterval()).as("retry-interval").isEqualTo(100L);
        assertThat(cc.getRetryIntervalMultiplier()).as("retry-interval-multiplier").isEqualTo(1.5);
        assertThat(cc.getMaxRetryInterval()).as("max-retry-interval").isEqualTo(2000L);
        assertThat(cc.getReconnectAttempts()).as("reconnect-attempts").isEqualTo(-1);
        assertThat(cc.getMessageLoadBalancingType()).as("message-load-balancing")
                .isEqualTo(MessageLoadBalancingType.OFF);
        assertThat(cc.getMaxHops()).as("max-hops").isEqualTo(1);

        assertThat(cfg.getClusterUser()).as("cluster-user").isEqualTo("cluster-admin");
        assertThat(cfg.getClusterPassword()).as("cluster-password").isEqualTo("change-me");

        // journal: persistent, NIO, the lab's small files
        assertThat(cfg.isPersistenceEnabled()).as("persistence-enabled").isTrue();
        assertThat(cfg.getJournalType()).as("journal-type").isEqualTo(JournalType.NIO);
        assertThat(cfg.isJournalDatasync()).as("journal-datasync").isTrue();
        assertThat(cfg.getJournalFileSize()).as("journal-file-size").isEqualTo(2 * 1024 * 1024);
        assertThat(cfg.getJournalMinFiles()).as("journal-min-files").isEqualTo(2);
        assertThat(cfg.getJournalPoolFiles()).as("journal-pool-files").isEqualTo(10);
        assertThat(cfg.getJournalBufferTimeout_NIO()).as("journal-buffer-timeout").isEqualTo(1_000_000);
        assertThat(cfg.getJournalDirectory()).as("journal-directory").isEqualTo("./data/journal");
        assertThat(cfg.getBindingsDirectory()).as("bindings-directory").isEqualTo("./data/bindings");
        assertThat(cfg.getPagingDirectory()).as("paging-directory").isEqualTo("./data/paging");
        assertThat(cfg.getLargeMessagesDirectory()).as("large-messages-directory").isEqualTo("./data/large-messages");

        // security: on, everything for role amq on every address
        assertThat(cfg.isSecurityEnabled()).as("security-enabled").isTrue();
        assertThat(cfg.getSecurityRoles()).as("security-settings").containsOnlyKeys("#");
        Set<Role> roles = cfg.getSecurityRoles().get("#");
        assertThat(roles).as("roles on #").extracting(Role::getName).containsExactly("amq");
        Role amq = roles.iterator().next();
        assertThat(List.of(amq.isSend(), amq.isConsume(), amq.isBrowse(), amq.isManage(), amq.isCreateAddress(),
                amq.isDeleteAddress(), amq.isCreateDurableQueue(), amq.isDeleteDurableQueue(),
                amq.isCreateNonDurableQueue(), amq.isDeleteNonDurableQueue()))
                .as("amq's permissions: send, consume, browse, manage, create/delete address, create/delete durable "
                        + "queue, create/delete non-durable queue")
                .containsOnly(true);

        // addresses: the lab's queue plus DLQ and ExpiryQueue, all anycast
        assertThat(cfg.getAddressConfigurations()).extracting(CoreAddressConfiguration::getName)
                .as("addresses").containsExactlyInAnyOrder("exampleQueue", "DLQ", "ExpiryQueue");
        for (String name : List.of("exampleQueue", "DLQ", "ExpiryQueue")) {
            CoreAddressConfiguration address = address(cfg, name);
            assertThat(address.getRoutingTypes()).as(name + " routing types").containsExactly(RoutingType.ANYCAST);
            assertThat(address.getQueueConfigs()).as(name + " queues").hasSize(1);
            QueueConfiguration queue = address.getQueueConfigs().get(0);
            assertThat(queue.getName().toString()).as(name + " queue name").isEqualTo(name);
            assertThat(queue.getRoutingType()).as(name + " queue routing type").isEqualTo(RoutingType.ANYCAST);
        }
        AddressSettings all = cfg.getAddressSettings().get("#");
        assertThat(all).as("address-setting #").isNotNull();
        assertThat(String.valueOf(all.getDeadLetterAddress())).as("dead-letter-address").isEqualTo("DLQ");
        assertThat(String.valueOf(all.getExpiryAddress())).as("expiry-address").isEqualTo("ExpiryQueue");
        assertThat(all.getMaxDeliveryAttempts()).as("max-delivery-attempts").isEqualTo(10);
        assertThat(all.getAddressFullMessagePolicy()).as("address-full-policy").isEqualTo(AddressFullMessagePolicy.PAGE);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Defaults: the HA policy of each file
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void sharedStorePrimaryHandsOverOnCleanShutdownAndLocksInTheSharedJournal() throws Exception {
        Configuration cfg = load(BrokerXml.SHARED_STORE_PRIMARY);
        SharedStorePrimaryPolicyConfiguration ha = policy(cfg, SharedStorePrimaryPolicyConfiguration.class);
        assertThat(ha.isFailoverOnServerShutdown()).as("failover-on-shutdown").isTrue();
        assertThat(ha.isWaitForActivation()).as("wait-for-activation (not set: default)").isTrue();
        assertThat(cfg.getNodeManagerLockDirectory()).as("node-manager-lock-directory").isEqualTo("./data/journal");
    }

    @Test
    void sharedStoreBackupFailsBackRestartsAsBackupAndLocksInTheSharedJournal() throws Exception {
        Configuration cfg = load(BrokerXml.SHARED_STORE_BACKUP);
        SharedStoreBackupPolicyConfiguration ha = policy(cfg, SharedStoreBackupPolicyConfiguration.class);
        assertThat(ha.isAllowFailBack()).as("allow-failback").isTrue();
        assertThat(ha.isRestartBackup()).as("restart-backup").isTrue();
        assertThat(ha.isFailoverOnServerShutdown()).as("failover-on-shutdown").isTrue();
        assertThat(ha.getScaleDownConfiguration()).as("scale-down").isNull();
        assertThat(cfg.getNodeManagerLockDirectory()).as("node-manager-lock-directory").isEqualTo("./data/journal");
    }

    @Test
    void replicationPrimaryChecksForAnActiveServerAndHasNoQuorumVote() throws Exception {
        Configuration cfg = load(BrokerXml.REPLICATION_PRIMARY);
        ReplicatedPolicyConfiguration ha = policy(cfg, ReplicatedPolicyConfiguration.class);
        assertThat(ha.isCheckForActiveServer()).as("check-for-active-server").isTrue();
        assertThat(ha.getMaxSavedReplicatedJournalsSize()).as("max-saved-replicated-journals-size").isEqualTo(2);
        assertThat(ha.getGroupName()).as("group-name (not set)").isNull();
        assertThat(ha.getClusterName()).as("cluster-name (not set: the only cluster connection)").isNull();
        assertThat(ha.getVoteOnReplicationFailure()).as("vote-on-replication-failure (not set)").isFalse();
        assertThat(cfg.getNodeManagerLockDirectory()).as("node-manager-lock-directory (not set)").isNull();
    }

    @Test
    void replicationBackupAllowsFailback() throws Exception {
        Configuration cfg = load(BrokerXml.REPLICATION_BACKUP);
        ReplicaPolicyConfiguration ha = policy(cfg, ReplicaPolicyConfiguration.class);
        // Without the element, the 2.55.0 parser would take false here (the schema says true).
        assertThat(ha.isAllowFailBack()).as("allow-failback").isTrue();
        assertThat(ha.getMaxSavedReplicatedJournalsSize()).as("max-saved-replicated-journals-size").isEqualTo(2);
        assertThat(ha.getGroupName()).as("group-name (not set)").isNull();
        assertThat(ha.getScaleDownConfiguration()).as("scale-down").isNull();
        assertThat(cfg.getNodeManagerLockDirectory()).as("node-manager-lock-directory (not set)").isNull();
    }

    @Test
    void replicationZkPrimaryTakesTheLockInTheLabEnsembleUnderItsJournalsNodeId() throws Exception {
        Configuration cfg = load(BrokerXml.REPLICATION_ZK_PRIMARY);
        ReplicationPrimaryPolicyConfiguration ha = policy(cfg, ReplicationPrimaryPolicyConfiguration.class);
        assertLabLockManager(ha.getDistributedManagerConfiguration(), DEFAULT_ZK_CONNECT, "18000");
        // A coordination-id would name the lock instead of the journal's node id, which a backup cannot follow
        // after a restart (see replication-zk/README.md).
        assertThat(ha.getCoordinationId()).as("coordination-id (not set)").isNull();
        assertThat(ha.getMaxSavedReplicatedJournalsSize()).as("max-saved-replicated-journals-size").isEqualTo(2);
        assertThat(ha.getGroupName()).as("group-name (not set)").isNull();
        assertThat(ha.getClusterName()).as("cluster-name (not set: the only cluster connection)").isNull();
        assertThat(cfg.getNodeManagerLockDirectory()).as("node-manager-lock-directory (not set)").isNull();
    }

    @Test
    void replicationZkBackupTakesTheSameLockAndAllowsFailback() throws Exception {
        Configuration cfg = load(BrokerXml.REPLICATION_ZK_BACKUP);
        ReplicationBackupPolicyConfiguration ha = policy(cfg, ReplicationBackupPolicyConfiguration.class);
        assertLabLockManager(ha.getDistributedManagerConfiguration(), DEFAULT_ZK_CONNECT, "18000");
        // Without the element, the 2.55.0 parser would take false here too (the schema says true).
        assertThat(ha.isAllowFailBack()).as("allow-failback").isTrue();
        assertThat(ha.getMaxSavedReplicatedJournalsSize()).as("max-saved-replicated-journals-size").isEqualTo(2);
        assertThat(ha.getGroupName()).as("group-name (not set)").isNull();
    }

    /**
     * The lock manager named in the files is on the classpath and accepts every property key they give it (its
     * constructor refuses an unknown key): what a broker does at start, short of connecting to ZooKeeper.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("zk")
    void theLockManagerAcceptsTheConfiguredProperties(BrokerXml xml) throws Exception {
        Configuration cfg = load(xml);
        DistributedLockManagerConfiguration manager = xml == BrokerXml.REPLICATION_ZK_PRIMARY
                ? policy(cfg, ReplicationPrimaryPolicyConfiguration.class).getDistributedManagerConfiguration()
                : policy(cfg, ReplicationBackupPolicyConfiguration.class).getDistributedManagerConfiguration();
        try (DistributedLockManager lockManager = DistributedLockManager.newInstanceOf(manager.getClassName(),
                manager.getProperties())) {
            assertThat(lockManager.isStarted()).as("a lock manager that was never started").isFalse();
        }
    }

    private static final String DEFAULT_ZK_CONNECT = "127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183";

    private static void assertLabLockManager(DistributedLockManagerConfiguration manager, String connect,
                                             String sessionMs) {
        assertLabLockManager(manager, connect, sessionMs, "33");
    }

    private static void assertLabLockManager(DistributedLockManagerConfiguration manager, String connect,
                                             String sessionMs, String sessionPercent) {
        assertThat(manager).as("manager").isNotNull();
        assertThat(manager.getClassName()).as("manager class-name")
                .isEqualTo("org.apache.activemq.artemis.lockmanager.zookeeper.CuratorDistributedLockManager");
        assertThat(manager.getProperties()).as("manager properties").containsExactlyInAnyOrderEntriesOf(Map.of(
                "connect-string", connect, "namespace", "artemis-ha-lab", "session-ms", sessionMs,
                "session-percent", sessionPercent));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // System properties override the defaults
    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void systemPropertiesOverrideTheDefaults(BrokerXml xml, @TempDir Path dataDir) throws Exception {
        Map<String, String> props = overrides(xml, dataDir);
        try {
            props.forEach(System::setProperty);
            Configuration cfg = load(xml);

            assertThat(cfg.getName()).as("name from lab.name").isEqualTo("node-x");
            TransportConfiguration acceptor = cfg.getAcceptorConfigurations().iterator().next();
            assertThat(param(acceptor, "host")).as("acceptor host from lab.bind.host").isEqualTo("127.0.0.4");
            assertThat(param(acceptor, "port")).as("acceptor port from lab.port").isEqualTo("62000");
            assertThat(hostPort(cfg.getConnectorConfigurations().get("self"))).as("self connector")
                    .isEqualTo("127.0.0.2:62000");
            assertThat(hostPort(cfg.getConnectorConfigurations().get("peer"))).as("peer connector")
                    .isEqualTo("127.0.0.3:62100");
            assertThat(cfg.getClusterUser()).as("cluster-user from lab.cluster.user").isEqualTo("lab-cluster-user");
            assertTls(cfg);
            assertThat(cfg.getClusterPassword()).as("cluster-password from lab.cluster.password")
                    .isEqualTo("s3cret-Pass");

            String data = dataDir.toString();
            assertThat(cfg.getJournalDirectory()).as("journal-directory").isEqualTo(data + "/journal");
            assertThat(cfg.getBindingsDirectory()).as("bindings-directory").isEqualTo(data + "/bindings");
            assertThat(cfg.getPagingDirectory()).as("paging-directory").isEqualTo(data + "/paging");
            assertThat(cfg.getLargeMessagesDirectory()).as("large-messages-directory")
                    .isEqualTo(data + "/large-messages");
            assertThat(cfg.getJournalLocation()).as("journal location").isEqualTo(dataDir.resolve("journal").toFile());

            switch (xml) {
                case SHARED_STORE_PRIMARY -> {
                    assertThat(policy(cfg, SharedStorePrimaryPolicyConfiguration.class).isFailoverOnServerShutdown())
                            .as("failover-on-shutdown from lab.failover.on.shutdown").isFalse();
                    assertThat(cfg.getNodeManagerLockDirectory()).as("node-manager-lock-directory")
                            .isEqualTo(data + "/journal");
                }
                case SHARED_STORE_BACKUP -> {
                    SharedStoreBackupPolicyConfiguration ha = policy(cfg, SharedStoreBackupPolicyConfiguration.class);
                    assertThat(ha.isAllowFailBack()).as("allow-failback from lab.allow.failback").isFalse();
                    assertThat(ha.isRestartBackup()).as("restart-backup (fixed)").isTrue();
                    assertThat(cfg.getNodeManagerLockDirectory()).as("node-manager-lock-directory")
                            .isEqualTo(data + "/journal");
                }
                case REPLICATION_PRIMARY -> assertThat(
                        policy(cfg, ReplicatedPolicyConfiguration.class).isCheckForActiveServer())
                        .as("check-for-active-server from lab.check.for.active.server").isFalse();
                case REPLICATION_BACKUP -> assertThat(policy(cfg, ReplicaPolicyConfiguration.class).isAllowFailBack())
                        .as("allow-failback from lab.allow.failback").isFalse();
                case REPLICATION_ZK_PRIMARY -> {
                    ReplicationPrimaryPolicyConfiguration ha = policy(cfg, ReplicationPrimaryPolicyConfiguration.class);
                    assertLabLockManager(ha.getDistributedManagerConfiguration(), OTHER_ZK_CONNECT, "4321", "25");
                }
                case REPLICATION_ZK_BACKUP -> {
                    ReplicationBackupPolicyConfiguration ha = policy(cfg, ReplicationBackupPolicyConfiguration.class);
                    assertLabLockManager(ha.getDistributedManagerConfiguration(), OTHER_ZK_CONNECT, "4321", "25");
                    assertThat(ha.isAllowFailBack()).as("allow-failback from lab.allow.failback").isFalse();
                }
                default -> throw new AssertionError("unknown file " + xml);
            }
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
        assertThat(load(xml).getName()).as("after clearing the properties, the default name is back")
                .isEqualTo(xml.role);
    }

    /** The override test must set every property the file reads, and nothing the file does not read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void theOverrideTestCoversEveryPropertyTheFileReads(BrokerXml xml, @TempDir Path dataDir) throws IOException {
        assertThat(overrides(xml, dataDir).keySet()).as("properties set by the override test")
                .containsExactlyInAnyOrderElementsOf(placeholders(xml).keySet());
        assertThat(LAB_PROPERTIES).as("properties cleared around each test").containsAll(placeholders(xml).keySet());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The loader really validates, after substitution
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void anInvalidSubstitutedValueIsRejectedBySchemaValidation() {
        System.setProperty("lab.failover.on.shutdown", "maybe");
        try {
            assertThatThrownBy(() -> load(BrokerXml.SHARED_STORE_PRIMARY))
                    .as("xsd:boolean failover-on-shutdown = 'maybe'")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Invalid configuration");
        } finally {
            System.clearProperty("lab.failover.on.shutdown");
        }
    }

    @Test
    void anElementOutsideTheSchemaIsRejected(@TempDir Path dir) throws Exception {
        String xml = Files.readString(BrokerXml.REPLICATION_BACKUP.source(), StandardCharsets.UTF_8)
                .replace("<allow-failback>", "<allow-fail-back>true</allow-fail-back><allow-failback>");
        Path broken = dir.resolve("broker.xml");
        Files.writeString(broken, xml, StandardCharsets.UTF_8);
        FileConfiguration cfg = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(broken.toUri().toString()).addDeployable(cfg);
        assertThatThrownBy(deployment::readConfiguration).as("misspelt <allow-fail-back>")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Invalid configuration");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Packaging and documentation stay in step with the files
    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void theClasspathCopyIsTheSourceFile(BrokerXml xml) throws Exception {
        URL url = BrokerConfigsTest.class.getResource(xml.resource());
        assertThat(url).as("classpath resource " + xml.resource()).isNotNull();
        try (var in = url.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(xml.resource())
                    .isEqualTo(Files.readString(xml.source(), StandardCharsets.UTF_8));
        }
    }

    /** Each property has one default per file, so the acceptor, connectors and directories cannot drift apart. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void eachPropertyHasOneDefaultPerFile(BrokerXml xml) throws IOException {
        Matcher m = PLACEHOLDER.matcher(Files.readString(xml.source(), StandardCharsets.UTF_8));
        Map<String, Set<String>> defaults = new LinkedHashMap<>();
        while (m.find()) {
            defaults.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        }
        assertThat(defaults).as("${lab.*} placeholders").isNotEmpty();
        defaults.forEach((name, values) -> assertThat(values).as("defaults of " + name).hasSize(1));
    }

    /** The property table of broker-configs/README.md lists exactly the properties the files read. */
    @Test
    void theReadmeTableListsEveryProperty() throws IOException {
        Set<String> used = new TreeSet<>();
        for (BrokerXml xml : BrokerXml.values()) {
            used.addAll(placeholders(xml).keySet());
        }
        Set<String> pairs = Set.copyOf(used);
        // the clusters' files have a test of their own (ClusterConfigTest); the table covers them too
        for (Path file : List.of(Path.of("cluster", "node.xml"), Path.of("cluster", "node-jgroups.xml"),
                Path.of("cluster", "jgroups-file-ping.xml"), Path.of("cluster-of-pairs", "primary.xml"),
                Path.of("cluster-of-pairs", "backup.xml"), Path.of("cluster-of-shared-store-pairs", "primary.xml"),
                Path.of("cluster-of-shared-store-pairs", "backup.xml"))) {
            Matcher cluster = PLACEHOLDER.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (cluster.find()) {
                used.add(cluster.group(1));
            }
        }
        Pattern row = Pattern.compile("^\\|\\s*`(lab\\.[A-Za-z0-9.]+)`\\s*\\|", Pattern.MULTILINE);
        Matcher m = row.matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).as("properties in README.md's table").isEqualTo(used);
        assertThat(Set.copyOf(LAB_PROPERTIES)).as("properties this test clears").isEqualTo(pairs);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------------

    static Stream<BrokerXml> all() {
        return Stream.of(BrokerXml.values());
    }

    static Stream<BrokerXml> zk() {
        return Stream.of(BrokerXml.REPLICATION_ZK_PRIMARY, BrokerXml.REPLICATION_ZK_BACKUP);
    }

    private static final String OTHER_ZK_CONNECT = "10.0.0.5:2281,10.0.0.6:2281,10.0.0.7:2281";

    /** What a standalone broker does with etc/broker.xml: substitute, validate {@code <core>}, parse. */
    static Configuration load(BrokerXml xml) throws Exception {
        URL url = BrokerConfigsTest.class.getResource(xml.resource());
        assertThat(url).as("classpath resource " + xml.resource()).isNotNull();
        FileConfiguration cfg = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(url.toString());
        deployment.addDeployable(cfg);
        deployment.readConfiguration();
        return cfg;
    }

    /** A value for every property the file reads, each different from its default. */
    /** TLS on, with client certificates: every link's parameters come from these. */
    static final Map<String, String> TLS = Map.of("lab.tls.enabled", "true", "lab.tls.keystore", "/labs/x/tls/node-x.p12",
            "lab.tls.keystore.password", "k3y-Pass", "lab.tls.truststore", "/labs/x/tls/truststore.p12",
            "lab.tls.truststore.password", "tru5t-Pass", "lab.tls.client.auth", "true");

    /** The acceptor and every connector speak TLS with the lab's stores; an announced connector names no key. */
    static void assertTls(Configuration cfg) {
        TransportConfiguration acceptor = cfg.getAcceptorConfigurations().iterator().next();
        assertThat(acceptor.getParams()).as("acceptor TLS parameters").contains(
                Map.entry("sslEnabled", "true"), Map.entry("keyStorePath", "/labs/x/tls/node-x.p12"),
                Map.entry("keyStorePassword", "k3y-Pass"), Map.entry("keyStoreType", "PKCS12"),
                Map.entry("needClientAuth", "true"), Map.entry("trustStorePath", "/labs/x/tls/truststore.p12"),
                Map.entry("trustStorePassword", "tru5t-Pass"));
        cfg.getConnectorConfigurations().forEach((name, c) -> {
            assertThat(c.getParams()).as("connector " + name + " TLS parameters").contains(
                    Map.entry("sslEnabled", "true"), Map.entry("verifyHost", "true"),
                    Map.entry("trustStorePath", "/labs/x/tls/truststore.p12"),
                    Map.entry("trustStorePassword", "tru5t-Pass"));
            assertThat(c.getParams()).as("connector " + name + ": clients get it, so no key of the broker's")
                    .doesNotContainKeys("keyStorePath", "keyStorePassword");
        });
    }

    static Map<String, String> overrides(BrokerXml xml, Path dataDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("lab.name", "node-x");
        p.put("lab.host", "127.0.0.2");
        p.put("lab.bind.host", "127.0.0.4");
        p.put("lab.port", "62000");
        p.put("lab.peer.host", "127.0.0.3");
        p.put("lab.peer.port", "62100");
        p.put("lab.data.dir", dataDir.toString());
        p.put("lab.cluster.user", "lab-cluster-user");
        p.put("lab.cluster.password", "s3cret-Pass");
        p.putAll(TLS);
        switch (xml) {
            case SHARED_STORE_PRIMARY -> p.put("lab.failover.on.shutdown", "false");
            case REPLICATION_PRIMARY -> p.put("lab.check.for.active.server", "false");
            case SHARED_STORE_BACKUP, REPLICATION_BACKUP -> p.put("lab.allow.failback", "false");
            case REPLICATION_ZK_PRIMARY -> {
                p.put("lab.zk.connect", OTHER_ZK_CONNECT);
                p.put("lab.zk.session.ms", "4321");
                p.put("lab.zk.session.percent", "25");
            }
            case REPLICATION_ZK_BACKUP -> {
                p.put("lab.zk.connect", OTHER_ZK_CONNECT);
                p.put("lab.zk.session.ms", "4321");
                p.put("lab.zk.session.percent", "25");
                p.put("lab.allow.failback", "false");
            }
            default -> throw new AssertionError("unknown file " + xml);
        }
        return p;
    }

    /** The {@code ${lab.*:default}} placeholders of the source file, name to default. */
    static Map<String, String> placeholders(BrokerXml xml) throws IOException {
        Matcher m = PLACEHOLDER.matcher(Files.readString(xml.source(), StandardCharsets.UTF_8));
        Map<String, String> found = new LinkedHashMap<>();
        while (m.find()) {
            found.putIfAbsent(m.group(1), m.group(2));
        }
        return found;
    }

    static <T extends HAPolicyConfiguration> T policy(Configuration cfg, Class<T> type) {
        assertThat(cfg.getHAPolicyConfiguration()).as("ha-policy").isInstanceOf(type);
        return type.cast(cfg.getHAPolicyConfiguration());
    }

    static CoreAddressConfiguration address(Configuration cfg, String name) {
        return cfg.getAddressConfigurations().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no address " + name));
    }

    static String param(TransportConfiguration t, String key) {
        Object v = t.getParams().get(key);
        return v == null ? null : v.toString();
    }

    static String hostPort(TransportConfiguration t) {
        assertThat(t).as("connector").isNotNull();
        return param(t, "host") + ":" + param(t, "port");
    }
}
