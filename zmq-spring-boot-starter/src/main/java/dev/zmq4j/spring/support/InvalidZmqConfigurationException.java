package dev.zmq4j.spring.support;

/**
 * Thrown at startup when a {@code zmq.*} property or a {@code @ZmqListener} attribute is wrong; the message names
 * the property (or listener attribute) and the value at fault.
 */
public class InvalidZmqConfigurationException extends IllegalStateException {
    private final String property;
    private final String reason;

    public InvalidZmqConfigurationException(String property, String reason) {
        super("Invalid zmq configuration: " + property + ": " + reason);
        this.property = property;
        this.reason = reason;
    }

    public InvalidZmqConfigurationException(String property, String reason, Throwable cause) {
        super("Invalid zmq configuration: " + property + ": " + reason, cause);
        this.property = property;
        this.reason = reason;
    }

    /** The property (e.g. {@code zmq.sockets.orders.bind}) or listener attribute at fault. */
    public String getProperty() {
        return property;
    }

    /** What is wrong with it, without the property. */
    public String getReason() {
        return reason;
    }
}
