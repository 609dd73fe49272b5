package io.github.artemishalab.harness;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import io.github.artemishalab.harness.lab.Lab;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A plain JMS client on the lab's HA URL, for the tests' own checks. */
final class JmsProbe implements AutoCloseable {

    static final String QUEUE = "exampleQueue";

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;

    JmsProbe(Lab lab) throws JMSException {
        factory = new ActiveMQConnectionFactory(lab.haUrl(), lab.user(), lab.password());
        connection = factory.createConnection();
        connection.start();
    }

    /** Sends {@code count} persistent messages {@code prefix-0 .. prefix-(count-1)}, each confirmed by the broker. */
    void send(String prefix, int count) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue queue = session.createQueue(QUEUE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage(prefix + "-" + i));
            }
        }
    }

    /** Receives until the queue has nothing for {@code quietMs}. */
    List<String> drain(long quietMs) throws JMSException {
        List<String> got = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            Message m;
            while ((m = consumer.receive(quietMs)) != null) {
                got.add(((TextMessage) m).getText());
            }
        }
        return got;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}
