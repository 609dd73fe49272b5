package io.github.artemishalab.harness.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTlsTest {

    private static final String PASSWORD = "s3cret";

    @TempDir
    Path lab;

    private X509TrustManager trustOf(Path truststore) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            ts.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }

    private static X509Certificate[] chainOf(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        String alias = ks.aliases().nextElement();
        assertThat(ks.isKeyEntry(alias)).as("a key entry in " + keystore).isTrue();
        return Stream.of(ks.getCertificateChain(alias)).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    @Test
    void everyNodeAndTheClientsGetAKeyTheLabsTruststoreTrustsForTheirAddresses() throws Exception {
        LabTls tls = new LabTls(lab);
        tls.ensure("lab-a", List.of(new LabTls.Owner("primary", List.of("127.0.0.1", "127.77.1.1")),
                new LabTls.Owner("backup", List.of("broker.example", "10.1.2.3", "127.77.1.2"))), PASSWORD);

        X509TrustManager trust = trustOf(tls.truststore());
        for (String owner : List.of("primary", "backup", LabTls.CLIENT)) {
            X509Certificate[] chain = chainOf(tls.keystore(owner));
            trust.checkServerTrusted(chain, "UNKNOWN");
            trust.checkClientTrusted(chain, "UNKNOWN");
            assertThat(chain[0].getSubjectX500Principal().getName()).contains("CN=" + owner);
            assertThat(chain[0].getExtendedKeyUsage()).as("server and client auth")
                    .contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
            assertThat(chain[0].getBasicConstraints()).as("not a CA").isEqualTo(-1);
        }
        assertThat(names(chainOf(tls.keystore("primary"))[0])).containsExactlyInAnyOrder(
                "localhost", "127.0.0.1", "127.77.1.1");
        assertThat(names(chainOf(tls.keystore("backup"))[0])).containsExactlyInAnyOrder(
                "localhost", "broker.example", "127.0.0.1", "10.1.2.3", "127.77.1.2");
    }

    @Test
    void anotherLabsCertificatesAreNotTrusted() throws Exception {
        LabTls a = new LabTls(lab.resolve("a"));
        LabTls b = new LabTls(lab.resolve("b"));
        a.ensure("a", List.of(new LabTls.Owner("primary", List.of())), PASSWORD);
        b.ensure("b", List.of(new LabTls.Owner("primary", List.of())), PASSWORD);
        X509Certificate[] fromB = chainOf(b.keystore("primary"));
        assertThatThrownBy(() -> trustOf(a.truststore()).checkServerTrusted(fromB, "UNKNOWN"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void aLaterUpKeepsTheCaSoClientsTrustStaysGood() throws Exception {
        LabTls tls = new LabTls(lab);
        tls.ensure("lab", List.of(new LabTls.Owner("primary", List.of())), PASSWORD);
        byte[] truststore = Files.readAllBytes(tls.truststore());
        X509Certificate first = chainOf(tls.keystore("primary"))[0];

        tls.ensure("lab", List.of(new LabTls.Owner("primary", List.of("192.168.7.7"))), PASSWORD);
        assertThat(Files.readAllBytes(tls.truststore())).isEqualTo(truststore);
        X509Certificate second = chainOf(tls.keystore("primary"))[0];
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(names(second)).contains("192.168.7.7");
        trustOf(tls.truststore()).checkServerTrusted(chainOf(tls.keystore("primary")), "UNKNOWN");
    }

    @Test
    void theFolderAndEveryFileAreTheOwnersOnly() throws Exception {
        LabTls tls = new LabTls(lab);
        tls.ensure("lab", List.of(new LabTls.Owner("primary", List.of())), PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.dir()))).isEqualTo("rwx------");
        assertThat(LabTls.in(tls.dir()).keystore(LabTls.CLIENT)).isEqualTo(tls.keystore(LabTls.CLIENT));
        assertThatThrownBy(() -> LabTls.in(lab)).isInstanceOf(IllegalArgumentException.class);
        try (Stream<Path> files = Files.list(tls.dir())) {
            List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("ca.p12", "truststore.p12", "primary.p12", "client.p12");
            for (Path f : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    private static List<String> names(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
    }
}
