package dev.zmq4j.spring.config;

/**
 * The resolved socket side of one {@code @ZmqListener}: its id, the name its socket is known by in metrics and
 * messages ({@code socketName}), the property prefix or annotation it came from (for error messages), the socket
 * declaration (topics already merged into the subscriptions) and the concurrency. Immutable after construction.
 */
public record ListenerDefinition(
        String listenerId,
        String socketName,
        String origin,
        SocketProperties socket,
        int concurrency,
        boolean autoStartup) {
    /** The origin of a listener on a declared socket: this prefix, then its key. */
    public static final String DECLARED_PREFIX = "zmq.sockets.";

    /** The {@code zmq.sockets} key of the declared socket this listener uses, or null for an inline socket. */
    public String declaredSocket() {
        return origin.equals(DECLARED_PREFIX + socketName) ? socketName : null;
    }
}
