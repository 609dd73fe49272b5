package io.github.artemishalab.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import javax.naming.InitialContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** The workshop's jndi.properties and the lab's HA URL must never drift apart. */
class JndiPropertiesTest {

    @Test
    void theClasspathJndiUrlIsTheLabsDefaultHaUrl() throws Exception {
        Properties p = ClientMain.jndiEnvironment(Path.of("no-such-lab/jndi.properties"));
        String expected = HaUrl.of(List.of("tcp://127.0.0.1:61616", "tcp://127.0.0.1:61716")).toString();
        assertThat(p.getProperty("connectionFactory.ConnectionFactory")).isEqualTo(expected);
    }

    @Test
    void theLookedUpFactoryIsHaWithEndlessReconnect() throws Exception {
        Properties p = ClientMain.jndiEnvironment(Path.of("no-such-lab/jndi.properties"));
        InitialContext ctx = new InitialContext(new Hashtable<>(p));
        try (ActiveMQConnectionFactory cf = (ActiveMQConnectionFactory) ctx.lookup("ConnectionFactory")) {
            assertThat(cf.getServerLocator().isHA()).isTrue();
            assertThat(cf.getServerLocator().getReconnectAttempts()).isEqualTo(-1);
            assertThat(cf.getServerLocator().getRetryInterval()).isEqualTo(100);
            assertThat(cf.getServerLocator().getStaticTransportConfigurations()).hasSize(2);
            String roundTrip = cf.toURI().toString();
            try (ActiveMQConnectionFactory again = new ActiveMQConnectionFactory(roundTrip)) {
                assertThat(again.getServerLocator().isHA()).isTrue();
                assertThat(again.getServerLocator().getStaticTransportConfigurations()).hasSize(2);
                assertThat(again.getServerLocator().getReconnectAttempts()).isEqualTo(-1);
                assertThat(again.getServerLocator().getCallFailoverTimeout()).isEqualTo(30000);
            }
        } finally {
            ctx.close();
        }
    }
}
