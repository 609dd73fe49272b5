package io.github.artemishalab.clients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client URL says about TLS, and the one thing a URL cannot do on its own: present the client's key on a
 * failover.
 * <p>
 * A client fails over to the connector its broker announced in the cluster topology, with that connector's
 * parameters, not its own URL's. The lab's brokers announce {@code sslEnabled} and the lab's truststore, so a client
 * trusts the backup as it trusted the primary; but no broker can announce a client's own key. Artemis's connector
 * reads {@code org.apache.activemq.ssl.keyStore} (and its password and type) from the JVM's system properties before
 * its parameters, so a client of a {@code --client-auth} lab sets them: then it presents its key on every connection,
 * the first and every failover.
 */
public final class ClientTls {

    /** Artemis's system properties for the key a JVM presents on every connection ({@code NettyConnector}). */
    public static final String KEY_STORE = "org.apache.activemq.ssl.keyStore";
    public static final String KEY_STORE_PASSWORD = "org.apache.activemq.ssl.keyStorePassword";
    public static final String KEY_STORE_TYPE = "org.apache.activemq.ssl.keyStoreType";

    private static final Pattern PASSWORD = Pattern.compile("(?i)([a-z]*password=)[^&;]*");

    private ClientTls() {
    }

    /** A node of a URL. */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The nodes of a URL: {@code tcp://h:p?...} or {@code (tcp://h:p,tcp://h:p)?...}. */
    public static List<Node> nodes(String url) {
        String list = url.startsWith("(") ? url.substring(1, Math.max(1, url.indexOf(')'))) : url.split("\\?", 2)[0];
        List<Node> nodes = new ArrayList<>();
        Matcher m = Pattern.compile("(?:tcp://)?\\[?([^,:\\]\\s]+)\\]?:(\\d+)").matcher(list);
        while (m.find()) {
            nodes.add(new Node(m.group(1), Integer.parseInt(m.group(2))));
        }
        return nodes;
    }

    /** The URL's parameters (after {@code ?}, split on {@code &} or {@code ;}). */
    public static Map<String, String> params(String url) {
        Map<String, String> p = new LinkedHashMap<>();
        int q = url.lastIndexOf('?');
        if (q < 0 || q < url.lastIndexOf(')')) {
            return p;
        }
        for (String kv : url.substring(q + 1).split("[&;]")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                p.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return p;
    }

    public static boolean sslEnabled(String url) {
        return Boolean.parseBoolean(params(url).getOrDefault("sslEnabled", "false"));
    }

    /** The URL as it may be printed: every password parameter shown as {@code ****}. */
    public static String redacted(String url) {
        return PASSWORD.matcher(url).replaceAll("$1****");
    }

    /** The system properties that make a JVM present this key on every Artemis connection. */
    public static Map<String, String> keyProperties(String keyStorePath, String password, String type) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(KEY_STORE, keyStorePath);
        p.put(KEY_STORE_PASSWORD, password);
        p.put(KEY_STORE_TYPE, type);
        return p;
    }

    /** The key this class made the JVM present, if any: the next URL without one takes it back. */
    private static String presented;

    /**
     * When the URL names a client key ({@code keyStorePath}), makes this JVM present it on failovers too. A URL
     * without one takes back a key an earlier URL set (a JVM that ran clients of one lab, then of another, as a test
     * suite does, must not present the first lab's key, whose file may be gone); a key the JVM was given on its own
     * ({@code -Dorg.apache.activemq.ssl.keyStore}) stays.
     */
    public static synchronized void presentKeyOf(String url) {
        Map<String, String> p = params(url);
        String path = p.get("keyStorePath");
        String current = System.getProperty(KEY_STORE);
        if (path == null) {
            if (current != null && current.equals(presented)) {
                List.of(KEY_STORE, KEY_STORE_PASSWORD, KEY_STORE_TYPE).forEach(System::clearProperty);
                presented = null;
            }
            return;
        }
        if (current != null && !current.equals(presented)) {
            return;
        }
        keyProperties(path, p.getOrDefault("keyStorePassword", ""), p.getOrDefault("keyStoreType", "PKCS12"))
                .forEach(System::setProperty);
        presented = path;
    }
}
