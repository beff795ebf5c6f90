package dev.zmq4j.spring.metrics;

import dev.zmq4j.Message;
import dev.zmq4j.SocketType;
import java.util.function.IntSupplier;

/**
 * Where the starter's sockets report traffic. {@link #NOOP} when Micrometer is absent; the Micrometer
 * implementation is registered by the metrics auto-configuration. Thread-safe.
 */
public interface ZmqMetrics {
    ZmqMetrics NOOP = (name, type) -> SocketMeters.NOOP;

    /** The meters of socket {@code name} of {@code type}; tags are these two only (low cardinality). */
    SocketMeters forSocket(String name, SocketType type);

    /**
     * The event-driven meters of socket {@code name}: the reconnect and handshake-failure counters, and a gauge of
     * the connected (handshaken) peers read from {@code connectedPeers}. A socket of the same name created again
     * (a restarted listener) gets the same meters, so {@code connectedPeers} must look the current socket up by
     * name rather than capture one socket's state. Tags are the name and type only.
     */
    default SocketEventMeters forSocketEvents(String name, SocketType type, IntSupplier connectedPeers) {
        return SocketEventMeters.NOOP;
    }

    /**
     * Registers the {@code zmq.listener} timer of listener {@code listenerId} (its {@code outcome=success} series)
     * now, before the first call, so dashboards and {@code /actuator/metrics} show the listener at zero rather than
     * not at all. The observation handler that times each call finds this timer by name and tags.
     *
     * @param socketType the type the listener receives on (a pooled REP listener receives on a ROUTER)
     */
    default void registerListenerTimer(String listenerId, SocketType socketType) {}

    /** As {@link #registerListenerTimer}, for the {@code zmq.template.request} timer of a template's socket. */
    default void registerTemplateRequestTimer(String socketName, SocketType declaredType) {}

    /** Total size of the frames of a message, the unit of the byte counters. */
    static long sizeOf(Message message) {
        long bytes = 0;
        for (byte[] frame : message) {
            bytes += frame.length;
        }
        return bytes;
    }
}
