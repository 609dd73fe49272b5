package io.github.artemishalab.clients;

import jakarta.jms.JMSException;

/**
 * A client could not open its connection within the connect timeout, or the broker refused its credentials. The
 * client ends with this rather than retry for ever; the message says where it tried and why it stopped.
 */
public final class CannotConnectException extends JMSException {

    private static final long serialVersionUID = 1L;

    public CannotConnectException(String message) {
        super(message);
    }
}
