package io.github.artemishalab.harness.lab;

import io.github.artemishalab.clients.HaUrl;
import io.github.artemishalab.harness.tls.LabTls;
import io.github.artemishalab.harness.topology.Discovery;
import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Topology;
import io.github.artemishalab.harness.topology.Wiring;
import java.util.List;

/**
 * What {@code lab up} chose for a lab directory ({@code lab.json}): every later command reads it.
 *
 * @param mode      the HA mode
 * @param host      the address the brokers bind to and announce
 * @param basePort  the primary's port; the backup listens on {@code basePort + 100}
 * @param failback  whether a returning primary takes over again
 * @param user      the application user (role {@code amq})
 * @param cluster   the cluster user the nodes use between themselves
 * @param nodes     the pair, primary first, then the ZooKeeper servers of replication-zk; or a cluster's members
 * @param createdAt when the lab directory was made (epoch ms)
 * @param faultProxy whether every link goes through the lab's fault proxy (partitions, delays)
 * @param hooks     the user's commands run when a broker becomes active or backup (none: both null)
 * @param tls       whether every link speaks TLS, and with which stores ({@link Tls#OFF}: plain TCP)
 */
public record LabConfig(Mode mode, String host, int basePort, boolean failback, Credentials user,
                        Credentials cluster, List<NodeSpec> nodes, long createdAt, boolean faultProxy, Hooks hooks,
                        Tls tls) {

    /**
     * Commands ({@code sh -c}) every broker of the lab runs when it becomes active or a backup; null for none.
     *
     * @param onActive run when a broker becomes active
     * @param onBackup run when a broker becomes a backup
     */
    public record Hooks(String onActive, String onBackup) {
        public static final Hooks NONE = new Hooks(null, null);
    }

    /**
     * TLS on every link ({@code --tls}): each node presents its own certificate from the lab's CA, every party trusts
     * that CA; with {@code clientAuth}, clients and peers must present one too.
     *
     * @param enabled    whether the lab speaks TLS
     * @param clientAuth whether brokers demand a certificate of whoever connects
     * @param password   the password of the lab's keystores and truststore (lab.json is its owner's only)
     * @param dir        where the stores are ({@code <lab>/tls}, set again on every load)
     */
    public record Tls(boolean enabled, boolean clientAuth, String password, String dir) {
        public static final Tls OFF = new Tls(false, false, null, null);

        /** A fresh password for a lab with TLS. */
        public static Tls generate(boolean clientAuth) {
            return new Tls(true, clientAuth, Credentials.generate("tls").password(), null);
        }

        /** The same, with its stores in {@code tlsDir}. */
        public Tls at(java.nio.file.Path tlsDir) {
            return enabled ? new Tls(true, clientAuth, password, tlsDir.toAbsolutePath().toString()) : this;
        }

        /** The clients' URL parameters: TLS, the host checked against the certificate, and the lab's truststore. */
        public java.util.Map<String, String> clientParams() {
            java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
            if (!enabled) {
                return p;
            }
            LabTls stores = LabTls.in(java.nio.file.Path.of(dir));
            p.put("sslEnabled", "true");
            p.put("verifyHost", "true");
            p.put("trustStorePath", stores.truststore().toString());
            p.put("trustStorePassword", password);
            p.put("trustStoreType", LabTls.STORE_TYPE);
            if (clientAuth) {
                p.put("keyStorePath", stores.keystore(LabTls.CLIENT).toString());
                p.put("keyStorePassword", password);
                p.put("keyStoreType", LabTls.STORE_TYPE);
            }
            return p;
        }
    }

    public LabConfig {
        hooks = hooks == null ? Hooks.NONE : hooks;
        tls = tls == null ? Tls.OFF : tls;
    }

    /** The only host the fault proxy can stand in front of: its doors are loopback addresses. */
    public static final String LOOPBACK = "127.0.0.1";

    /** A fresh lab: new passwords, the pair's node specs for this mode, the fault proxy on loopback. */
    public static LabConfig create(Mode mode, String host, int basePort, boolean failback) {
        return create(mode, host, basePort, failback, LOOPBACK.equals(host));
    }

    public static LabConfig create(Mode mode, String host, int basePort, boolean failback, boolean faultProxy) {
        return create(mode, Topology.DEFAULT_CLUSTER_SIZE, host, basePort, failback, faultProxy);
    }

    /** A fresh lab of {@code size} brokers when {@code mode} is a cluster (a pair otherwise, whatever the size). */
    public static LabConfig create(Mode mode, int size, String host, int basePort, boolean failback,
                                   boolean faultProxy) {
        return create(mode, size, Discovery.STATIC, host, basePort, failback, faultProxy);
    }

    /** As above, a cluster's members finding each other by {@code discovery}. */
    public static LabConfig create(Mode mode, int size, Discovery discovery, String host, int basePort,
                                   boolean failback, boolean faultProxy) {
        return new LabConfig(mode, host, basePort, failback, Credentials.generate("lab"),
                Credentials.generate("cluster-admin"), Topology.of(mode, basePort, size, discovery).nodes(),
                System.currentTimeMillis(), faultProxy && LOOPBACK.equals(host), Hooks.NONE, Tls.OFF);
    }

    /** The same lab with other ports, host, failback policy or proxy; passwords, data, size and discovery stay. */
    public LabConfig with(String newHost, int newBasePort, boolean newFailback, boolean newFaultProxy) {
        return new LabConfig(mode, newHost, newBasePort, newFailback, user, cluster,
                Topology.of(mode, newBasePort, topology().size(), topology().discovery()).nodes(), createdAt,
                newFaultProxy && LOOPBACK.equals(newHost), hooks, tls);
    }

    /** The same lab with these role-change hooks. */
    public LabConfig with(Hooks newHooks) {
        return new LabConfig(mode, host, basePort, failback, user, cluster, nodes, createdAt, faultProxy, newHooks,
                tls);
    }

    /** The same lab with this TLS setting. */
    public LabConfig with(Tls newTls) {
        return new LabConfig(mode, host, basePort, failback, user, cluster, nodes, createdAt, faultProxy, hooks,
                newTls);
    }

    public Topology topology() {
        return new Topology(mode, nodes);
    }

    /** Where each node listens and what it announces. */
    public Wiring wiring() {
        return new Wiring(topology(), host, faultProxy);
    }

    /** The node called {@code name}; an unknown name is a usage error that lists the names there are. */
    public NodeSpec node(String name) {
        return topology().node(name);
    }

    /** Where clients reach a broker; for a ZooKeeper server, its client address (straight, not through the proxy). */
    public String nodeUrl(NodeSpec node) {
        return node.role().broker() ? "tcp://" + Wiring.reachable(host) + ":" + node.port()
                : wiring().bindHost(node) + ":" + node.port();
    }

    /** The HA URL clients should use: every node, ha=true, endless reconnect; with TLS, the lab's truststore. */
    public String haUrl() {
        HaUrl url = HaUrl.of(topology().brokers().stream().map(this::nodeUrl).toList());
        for (var p : tls.clientParams().entrySet()) {
            url = url.with(p.getKey(), p.getValue());
        }
        return url.toString();
    }

    /** One broker's URL as a client would use it on its own: {@link #nodeUrl} with the TLS parameters. */
    public String clientUrl(NodeSpec node) {
        String params = tls.clientParams().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("&"));
        return nodeUrl(node) + (params.isEmpty() ? "" : "?" + params);
    }
}
