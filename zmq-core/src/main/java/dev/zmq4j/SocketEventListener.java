package dev.zmq4j;

/**
 * Receives a socket's events (see {@link Socket#addEventListener}).
 *
 * <p>Called on the thread where the event happens, often one of the context's I/O threads, possibly on several
 * threads at once: it must be quick and thread-safe, must not block, and must not use the socket. An exception it
 * throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SocketEventListener {
    void onEvent(SocketEvent event);
}
