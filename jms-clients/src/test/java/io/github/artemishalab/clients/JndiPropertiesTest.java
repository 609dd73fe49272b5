package io.github.artemishalab.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import javax.naming.InitialContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workshop's jndi.properties and the lab's HA URL must never drift apart. */
class JndiPropertiesTest {

    @Test
    void theFileALabWritesReadsBackWithJavaUtilPropertiesValueForValue(@TempDir Path tmp) throws Exception {
        // written by hand so that a workshop's `cat jndi.properties` shows the URL as it is (Properties.store would
        // escape every ':' and '='); read here the way JNDI reads it
        String url = HaUrl.of(List.of("tcp://127.0.0.1:40000", "tcp://127.0.0.1:40100")).toString();
        Path file = tmp.resolve("jndi.properties");
        ClientMain.writeJndi(file, url, "lab", "0a1b2c");
        Properties p = ClientMain.jndiEnvironment(file);
        assertThat(p.getProperty("connectionFactory.ConnectionFactory")).isEqualTo(url);
        assertThat(p.getProperty("queue.queues/exampleQueue")).isEqualTo("exampleQueue");
        assertThat(p.getProperty("lab.user")).isEqualTo("lab");
        assertThat(p.getProperty("lab.password")).isEqualTo("0a1b2c");
    }

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
            assertThat(cf.getServerLocator().getStaticTransportConfigurations()).hasSize(2)
                    .allSatisfy(t -> assertThat(t.getParams()).as("a transport parameter, given to each node")
                            .containsEntry("connect-timeout-millis", "2000"));
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
