package io.github.artemishalab.clients;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connection URL a client uses to reach an HA pair: every node listed, {@code ha=true}, endless reconnect.
 *
 * <p>The parameters are Artemis core client URL parameters; each default here is the lab's choice and the
 * README explains it. {@link #with(String, Object)} overrides or adds any parameter.
 */
public final class HaUrl {

    /** The lab's defaults, in the order they appear in the URL. */
    public static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ha", "true");
        // Never give up: a workshop kills brokers on purpose and expects the client to come back.
        p.put("reconnectAttempts", "-1");
        p.put("initialConnectAttempts", "-1");
        // A pair on one LAN: retry fast, back off a little, never wait more than a second between tries.
        p.put("retryInterval", "100");
        p.put("retryIntervalMultiplier", "1.5");
        p.put("maxRetryInterval", "1000");
        // Notice a silent peer within 10 s rather than the stock 60 s (a killed process closes its socket at once;
        // this bounds what a hung or partitioned one costs).
        p.put("clientFailureCheckPeriod", "2000");
        p.put("connectionTTL", "10000");
        // Give up on a connect after 2 s (Netty's default: 30 s). A node cut off in silence never answers a SYN, and
        // a reconnect that tries it first would otherwise hang there before it tries the backup.
        p.put("connect-timeout-millis", "2000");
        // A blocking call waits this long for the failover to finish before it throws (AMQ219014/16).
        p.put("callTimeout", "30000");
        p.put("callFailoverTimeout", "30000");
        return p;
    }

    private final List<String> nodes;
    private final Map<String, String> params;

    private HaUrl(List<String> nodes, Map<String, String> params) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("an HA URL needs at least one node");
        }
        this.nodes = List.copyOf(nodes);
        this.params = params;
    }

    /** An HA URL over the given {@code tcp://host:port} node URLs, with the lab's defaults. */
    public static HaUrl of(List<String> nodeUrls) {
        return new HaUrl(nodeUrls, defaults());
    }

    /** A copy with one parameter set. */
    public HaUrl with(String name, Object value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, String.valueOf(value));
        return new HaUrl(nodes, p);
    }

    @Override
    public String toString() {
        String query = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return "(" + String.join(",", nodes) + ")?" + query;
    }
}
