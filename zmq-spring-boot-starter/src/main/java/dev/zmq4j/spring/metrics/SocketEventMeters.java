package dev.zmq4j.spring.metrics;

/**
 * The counters of one socket that its events drive: reconnect attempts and failed handshakes. Resolved once when the
 * socket is created. Thread-safe: called from the socket's event listener, i.e. on zmq4j I/O threads, so an
 * implementation must only increment (no blocking, no registry look-ups).
 */
public interface SocketEventMeters {
    SocketEventMeters NOOP = new SocketEventMeters() {
        @Override
        public void reconnectScheduled() {}

        @Override
        public void handshakeFailed(HandshakeFailure reason) {}
    };

    /** A connect attempt will be retried (the socket's CONNECT_RETRIED event). */
    void reconnectScheduled();

    /** A handshake failed (a HANDSHAKE_FAILED_NO_DETAIL, HANDSHAKE_FAILED_PROTOCOL or HANDSHAKE_FAILED_AUTH event). */
    void handshakeFailed(HandshakeFailure reason);
}
