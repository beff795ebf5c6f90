package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.core.Options;

/**
 * Chooses a connection's mechanism from its socket's options: the one place that knows which options select which
 * mechanism, so that adding one (PLAIN, CURVE) means a new class here and a line below, and nothing in the engine.
 *
 * <p>Stateless and thread-safe; called on the engine's I/O thread when a connection starts.
 */
public final class Mechanisms {
    private Mechanisms() {}

    /** A new mechanism for one connection of a socket with these options. */
    public static Mechanism forConnection(Options options) {
        return new NullMechanism(options.type, options.announcesRoutingId ? options.routingId : null);
    }
}
