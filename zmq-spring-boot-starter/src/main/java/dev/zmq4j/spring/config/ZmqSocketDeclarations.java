package dev.zmq4j.spring.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sockets declared under {@code zmq.sockets}, by name, for listeners that refer to one. Immutable. */
public final class ZmqSocketDeclarations {
    private final Map<String, SocketProperties> sockets;

    public ZmqSocketDeclarations(Map<String, SocketProperties> sockets) {
        this.sockets = Collections.unmodifiableMap(new LinkedHashMap<>(sockets));
    }

    /** The declaration, or null when there is none by that name. */
    public SocketProperties find(String name) {
        return sockets.get(name);
    }

    public Map<String, SocketProperties> all() {
        return sockets;
    }
}
