package dev.zmq4j.spring.autoconfigure;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the starter's startup errors (a malformed endpoint, a port in use, an invalid {@code zmq.*} property, a
 * wrong {@code @ZmqListener} or {@code @SendTo} attribute) into Spring Boot's "APPLICATION FAILED TO START" report:
 * the property or attribute at fault and why, then what to do, instead of a long stack trace. Registered in
 * {@code META-INF/spring.factories}, where Spring Boot looks for failure analyzers. Stateless, thread-safe.
 */
public class InvalidZmqConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidZmqConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidZmqConfigurationException cause) {
        String description = "The zmq4j starter could not set up a socket or listener:%n%n    %s: %s%n"
                        .formatted(attributeOrProperty(cause.getProperty()), cause.getProperty())
                + "    Reason: " + cause.getReason();
        return new FailureAnalysis(description, action(cause), cause);
    }

    private static String attributeOrProperty(String property) {
        return property.startsWith("zmq.") ? "Property" : "Attribute";
    }

    private static String action(InvalidZmqConfigurationException cause) {
        String property = cause.getProperty();
        if (cause.getCause() instanceof ZmqException engine && engine.code() == ErrorCode.EADDRINUSE) {
            return "Stop the process that already listens on that address, or change " + property
                    + ": another port, or port * (e.g. tcp://127.0.0.1:*) for an ephemeral one, which the starter"
                    + " logs at startup and publishes as the property local.zmq.<socket>.endpoint.";
        }
        if (property.startsWith("zmq.")) {
            return "Correct " + property + " in the application's configuration (docs/configuration.md describes"
                    + " every zmq.* property).";
        }
        return "Correct the listener method's annotations named above (docs/listeners-and-templates.md describes"
                + " @ZmqListener and @SendTo).";
    }
}
