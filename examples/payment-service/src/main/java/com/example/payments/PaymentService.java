package com.example.payments;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Books payments by sending them to the {@code payments} queue. A send that fails during a broker failover is sent
 * again; the broker's duplicate detection ({@code _AMQ_DUPL_ID} = the payment id) drops a resend it already stored,
 * so every payment is booked exactly once.
 */
public final class PaymentService implements AutoCloseable {

    static final String QUEUE = "payments";
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final int ATTEMPTS = 20;

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;

    public PaymentService(String brokerUrl, String user, String password) throws JMSException {
        factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    /** Books one payment; returns once the broker has stored it. */
    public void book(String paymentId, long cents) throws JMSException {
        JMSException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                TextMessage m = session.createTextMessage(paymentId + ":" + cents);
                m.setStringProperty(DUPLICATE_ID, paymentId);
                producer.send(m);
                return;
            } catch (JMSException e) {
                last = e; // e.g. AMQ219016 during a failover: maybe stored, maybe not; the resend is deduplicated
            }
        }
        throw last;
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}
