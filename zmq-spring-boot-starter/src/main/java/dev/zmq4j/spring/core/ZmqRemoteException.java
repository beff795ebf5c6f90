package dev.zmq4j.spring.core;

/**
 * The server answered with a {@code zmq4j-error} reply (see {@code ZmqErrorReplies}): its handler failed.
 * {@link #getRemoteDescription()} is what the server said, typically {@code ExceptionClass: message}.
 */
public class ZmqRemoteException extends ZmqTemplateException {
    private final String remoteDescription;

    public ZmqRemoteException(String socketName, String remoteDescription) {
        super("the server behind socket '" + socketName + "' answered with an error: " + remoteDescription);
        this.remoteDescription = remoteDescription;
    }

    public String getRemoteDescription() {
        return remoteDescription;
    }
}
