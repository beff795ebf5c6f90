package dev.zmq4j.spring.metrics;

import dev.zmq4j.Message;
import dev.zmq4j.SocketType;

/**
 * Where the starter's sockets report traffic. {@link #NOOP} when Micrometer is absent; the Micrometer
 * implementation is registered by the metrics auto-configuration. Thread-safe.
 */
public interface ZmqMetrics {
    ZmqMetrics NOOP = (name, type) -> SocketMeters.NOOP;

    /** The meters of socket {@code name} of {@code type}; tags are these two only (low cardinality). */
    SocketMeters forSocket(String name, SocketType type);

    /** Total size of the frames of a message, the unit of the byte counters. */
    static long sizeOf(Message message) {
        long bytes = 0;
        for (byte[] frame : message) {
            bytes += frame.length;
        }
        return bytes;
    }
}
