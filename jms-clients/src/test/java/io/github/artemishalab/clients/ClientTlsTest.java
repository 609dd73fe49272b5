package io.github.artemishalab.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientTlsTest {

    private static final String HA = "(tcp://127.0.0.1:61616,tcp://localhost:61716)?ha=true&sslEnabled=true"
            + "&trustStorePath=/lab/tls/truststore.p12&trustStorePassword=t0p&keyStorePath=/lab/tls/client.p12"
            + "&keyStorePassword=k3y";

    @AfterEach
    void clear() {
        List.of(ClientTls.KEY_STORE, ClientTls.KEY_STORE_PASSWORD, ClientTls.KEY_STORE_TYPE)
                .forEach(System::clearProperty);
        ClientTls.presentKeyOf("tcp://127.0.0.1:1"); // forget what this class set
    }

    @Test
    void readsTheNodesAndParametersOfBothUrlShapes() {
        assertThat(ClientTls.nodes(HA)).containsExactly(new ClientTls.Node("127.0.0.1", 61616),
                new ClientTls.Node("localhost", 61716));
        assertThat(ClientTls.nodes("tcp://10.0.0.7:5445?sslEnabled=true;verifyHost=true"))
                .containsExactly(new ClientTls.Node("10.0.0.7", 5445));
        assertThat(ClientTls.params("tcp://10.0.0.7:5445?sslEnabled=true;verifyHost=true"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("sslEnabled", "true", "verifyHost", "true"));
        assertThat(ClientTls.sslEnabled(HA)).isTrue();
        assertThat(ClientTls.sslEnabled("tcp://127.0.0.1:61616")).isFalse();
    }

    @Test
    void aPrintedUrlShowsNoPassword() {
        assertThat(ClientTls.redacted(HA)).doesNotContain("t0p").doesNotContain("k3y")
                .contains("trustStorePassword=****&keyStorePath=/lab/tls/client.p12&keyStorePassword=****");
    }

    @Test
    void aUrlWithAClientKeyMakesTheJvmPresentItAndALaterUrlWithoutOneTakesItBack() {
        ClientTls.presentKeyOf(HA);
        assertThat(System.getProperty(ClientTls.KEY_STORE)).isEqualTo("/lab/tls/client.p12");
        assertThat(System.getProperty(ClientTls.KEY_STORE_PASSWORD)).isEqualTo("k3y");
        assertThat(System.getProperty(ClientTls.KEY_STORE_TYPE)).isEqualTo("PKCS12");

        ClientTls.presentKeyOf(HA.replace("/lab/", "/other-lab/"));
        assertThat(System.getProperty(ClientTls.KEY_STORE)).isEqualTo("/other-lab/tls/client.p12");

        ClientTls.presentKeyOf("tcp://127.0.0.1:61616?sslEnabled=true");
        assertThat(System.getProperty(ClientTls.KEY_STORE)).isNull();
        assertThat(System.getProperty(ClientTls.KEY_STORE_PASSWORD)).isNull();
    }

    @Test
    void aKeyTheJvmWasGivenByItsUserStays() {
        System.setProperty(ClientTls.KEY_STORE, "/mine.p12");
        ClientTls.presentKeyOf(HA);
        assertThat(System.getProperty(ClientTls.KEY_STORE)).isEqualTo("/mine.p12");
        ClientTls.presentKeyOf("tcp://127.0.0.1:61616");
        assertThat(System.getProperty(ClientTls.KEY_STORE)).isEqualTo("/mine.p12");
    }
}
