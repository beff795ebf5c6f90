package dev.zmq4j.spring.listener;

/** A listener method (or the conversion of its argument or result) failed; handed to the error handler. */
public class ListenerExecutionFailedException extends RuntimeException {
    private final String listenerId;

    public ListenerExecutionFailedException(String listenerId, Throwable cause) {
        super("listener '" + listenerId + "' failed: " + cause, cause);
        this.listenerId = listenerId;
    }

    public String getListenerId() {
        return listenerId;
    }
}
