package io.github.artemishalab.clients;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Why a client cannot connect, when TLS is the reason: the broker speaks TLS and the URL does not, the broker's
 * certificate is not one the URL's truststore trusts, or the broker demands a client certificate the URL lacks.
 * <p>
 * Artemis's client retries such a connection for as long as its URL allows (for ever on the lab's HA URL) and says
 * only that it cannot connect. The probe makes one TLS handshake of its own with each node, accepting any
 * certificate so as to see which one the broker shows, and then checks that certificate against the URL's truststore.
 */
public final class TlsProbe {

    private TlsProbe() {
    }

    /** A one-line diagnosis for the first node whose TLS settings do not match the URL's, or empty. */
    public static Optional<String> diagnose(String url, Duration timeout) {
        Map<String, String> params = ClientTls.params(url);
        boolean clientTls = ClientTls.sslEnabled(url);
        for (ClientTls.Node node : ClientTls.nodes(url)) {
            Optional<String> why = diagnose(node, params, clientTls, (int) timeout.toMillis());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> diagnose(ClientTls.Node node, Map<String, String> params, boolean clientTls,
                                             int timeoutMs) {
        AtomicReference<X509Certificate[]> shown = new AtomicReference<>();
        IOException failure = null;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(node.host(), node.port()), timeoutMs);
            plain.setSoTimeout(timeoutMs);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(params), new X509TrustManager[] {new Recorder(shown)}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, node.host(), node.port(), false)) {
                tls.startHandshake();
                // TLS 1.3 reports a refused client certificate only with the first read after the handshake
                tls.setSoTimeout(Math.min(timeoutMs, 300));
                readOnce(tls.getInputStream());
            }
        } catch (IOException e) {
            failure = e;
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // the probe itself could not be set up: no diagnosis, the client goes on
        }
        X509Certificate[] chain = shown.get();
        if (chain == null) {
            // no certificate came back: not a TLS listener, or nothing listening at all
            return clientTls && failure != null && !(failure instanceof java.net.ConnectException)
                    ? Optional.of("the broker at " + node + " does not answer TLS, and this URL asks for it "
                    + "(sslEnabled=true): is that lab running without --tls?")
                    : Optional.empty();
        }
        if (!clientTls) {
            return Optional.of("the broker at " + node + " speaks TLS and this URL does not: add sslEnabled=true and "
                    + "the lab's truststore (./lab status shows the HA URL to use)");
        }
        Optional<String> untrusted = untrusted(node, chain, params);
        if (untrusted.isPresent()) {
            return untrusted;
        }
        if (failure != null && refusedClientCertificate(failure)) {
            return Optional.of("the broker at " + node + " demands a client certificate (a lab with --client-auth) "
                    + (params.containsKey("keyStorePath") ? "and refused the one in " + params.get("keyStorePath")
                    : "and this URL names none: add keyStorePath (./lab status shows the HA URL to use)"));
        }
        return Optional.empty();
    }

    private static void readOnce(InputStream in) throws IOException {
        try {
            in.read();
        } catch (java.net.SocketTimeoutException quiet) {
            // the good case: the broker accepted the handshake and waits for the client to speak
        }
    }

    private static boolean refusedClientCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("unknown_ca")
                    || m.contains("certificate_unknown")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> untrusted(ClientTls.Node node, X509Certificate[] chain, Map<String, String> p) {
        String path = p.get("trustStorePath");
        if (path == null || path.isEmpty()) {
            return Optional.empty(); // the JVM's default truststore decides; nothing of the URL's to check against
        }
        if (!Files.isReadable(Path.of(path))) {
            return Optional.of("the truststore " + path + " of this URL cannot be read");
        }
        try {
            KeyStore ts = load(path, p.getOrDefault("trustStoreType", "PKCS12"), p.get("trustStorePassword"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            ((X509TrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(chain, "UNKNOWN");
            return Optional.empty();
        } catch (CertificateException e) {
            return Optional.of("the broker at " + node + " shows a certificate (" + chain[0].getSubjectX500Principal()
                    .getName() + ", issued by " + chain[0].getIssuerX500Principal().getName() + ") that the "
                    + "truststore " + path + " does not trust: use the lab's own (./lab status shows the HA URL)");
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of("the truststore " + path + " of this URL cannot be opened: " + e.getMessage());
        }
    }

    private static KeyManager[] keyManagers(Map<String, String> p) throws GeneralSecurityException {
        String path = p.getOrDefault("keyStorePath", System.getProperty(ClientTls.KEY_STORE));
        if (path == null || !Files.isReadable(Path.of(path))) {
            return null;
        }
        String pw = p.getOrDefault("keyStorePassword", System.getProperty(ClientTls.KEY_STORE_PASSWORD, ""));
        try {
            KeyStore ks = load(path, p.getOrDefault("keyStoreType", "PKCS12"), pw);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw.toCharArray());
            return kmf.getKeyManagers();
        } catch (IOException e) {
            return null;
        }
    }

    /** A URL's keystore or truststore; a null password skips the store's integrity check, as the JDK does. */
    private static KeyStore load(String path, String type, String password) throws IOException,
            GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }

    /** Accepts any certificate and keeps it: the probe wants to see what the broker shows, not to trust it. */
    private record Recorder(AtomicReference<X509Certificate[]> shown) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            shown.set(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
