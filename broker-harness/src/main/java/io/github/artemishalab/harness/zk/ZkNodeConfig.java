package io.github.artemishalab.harness.zk;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings of one ZooKeeper server of the lab, and the {@code zoo.cfg} that ZooKeeper reads them from.
 *
 * @param id         this server's id ({@code myid}); {@code servers} must list it
 * @param host       the address its client port binds to
 * @param clientPort the port the brokers' lock managers connect to
 * @param servers    every server of the ensemble, this one included: id to {@code host:peerPort:electionPort}
 * @param tickMs     ZooKeeper's {@code tickTime}, its unit of time for heartbeats, limits and session bounds
 * @param tls        TLS on the client port and between the servers; null for plain TCP
 */
public record ZkNodeConfig(int id, String host, int clientPort, SortedMap<Integer, String> servers, int tickMs,
                           ZkTls tls) {

    /** Plain TCP. */
    public ZkNodeConfig(int id, String host, int clientPort, SortedMap<Integer, String> servers, int tickMs) {
        this(id, host, clientPort, servers, tickMs, null);
    }

    /**
     * Lab-only: ZooKeeper's default tick is 2000 ms. A 200 ms tick lets a follower find a silent leader in 1 s
     * ({@value #SYNC_LIMIT} ticks) and a leader find itself without a majority as fast; it costs a heartbeat every
     * 200 ms between peers, nothing on loopback.
     */
    public static final int DEFAULT_TICK_MS = 200;
    /** Ticks a follower has to connect and sync to a new leader (ZooKeeper's sample config: 10). */
    static final int INIT_LIMIT = 10;
    /** Ticks a follower may lag behind or stay silent before the leader drops it, and the other way round (5). */
    static final int SYNC_LIMIT = 5;
    /**
     * ZooKeeper grants a session of 2 to 20 ticks unless told otherwise, 0.4-4 s with the lab's tick: too narrow for
     * the brokers' {@code session-ms} (8 s by default, Artemis's own 18 s). The lower bound stays 2 ticks.
     */
    static final int MAX_SESSION_TIMEOUT_MS = 60_000;

    private static final Pattern SERVER = Pattern.compile("(\\d+)=([^:,=\\s]+):(\\d+):(\\d+)");

    public ZkNodeConfig {
        servers = Collections.unmodifiableSortedMap(new TreeMap<>(servers));
        if (!servers.containsKey(id)) {
            throw new IllegalArgumentException("--servers does not list this server's id " + id + ": " + servers);
        }
        if (servers.size() < 3) {
            throw new IllegalArgumentException("--servers lists " + servers.size() + " server(s): an ensemble needs "
                    + "at least 3 (one of 2 survives no failure; 1 is not an ensemble)");
        }
        if (tickMs < 10) {
            throw new IllegalArgumentException("tick of " + tickMs + " ms: give at least 10");
        }
    }

    /** Parses {@code 1=host:peerPort:electionPort,2=...}, the values of ZooKeeper's {@code server.N} lines. */
    public static SortedMap<Integer, String> parseServers(String value) {
        SortedMap<Integer, String> servers = new TreeMap<>();
        for (String part : value.split(",")) {
            Matcher m = SERVER.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not id=host:peerPort:electionPort");
            }
            int serverId = Integer.parseInt(m.group(1));
            if (servers.put(serverId, m.group(2) + ":" + m.group(3) + ":" + m.group(4)) != null) {
                throw new IllegalArgumentException("server " + serverId + " is listed twice");
            }
        }
        return servers;
    }

    /** The host and port of this server's peer port and election port, from its own {@code server.N} entry. */
    String[] quorumAddress() {
        return servers.get(id).split(":");
    }

    /** The contents of {@code zoo.cfg}, keys in ZooKeeper's own spelling, with {@code dataDir} as given. */
    public String zooCfg(Path dataDir) {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("tickTime", Integer.toString(tickMs));
        cfg.put("initLimit", Integer.toString(INIT_LIMIT));
        cfg.put("syncLimit", Integer.toString(SYNC_LIMIT));
        cfg.put("dataDir", dataDir.toAbsolutePath().toString());
        if (tls == null) {
            cfg.put("clientPort", Integer.toString(clientPort));
            cfg.put("clientPortAddress", host);
        } else {
            // no plain port at all: a client without TLS is refused, not served
            cfg.put("secureClientPort", Integer.toString(clientPort));
            cfg.put("secureClientPortAddress", host);
            cfg.putAll(tls.serverConfig());
        }
        cfg.put("maxSessionTimeout", Integer.toString(MAX_SESSION_TIMEOUT_MS));
        // The AdminServer (an HTTP port of its own, Jetty) is not on the lab's classpath: off, and no port to find.
        cfg.put("admin.enableServer", "false");
        // The four-letter words a user may send by hand (echo srvr | nc 127.0.0.1 PORT; with TLS, openssl s_client);
        // the lab reads the peer.
        cfg.put("4lw.commands.whitelist", "srvr,stat,mntr,ruok");
        servers.forEach((serverId, address) -> cfg.put("server." + serverId, address));
        return "# Written by lab zk-node for server " + id + "; ZooKeeper reads it as QuorumPeerMain does.\n"
                + cfg.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
