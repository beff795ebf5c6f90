package dev.zmq4j.spring.metrics;

/**
 * The counters of one socket, resolved once when the socket is created so the message path only increments.
 * Thread-safe; called from the thread that owns the socket.
 */
public interface SocketMeters {
    SocketMeters NOOP = new SocketMeters() {
        @Override
        public void received(long bytes) {}

        @Override
        public void sent(long bytes) {}

        @Override
        public void requestTimedOut() {}
    };

    /** One message of {@code bytes} (all frames) was received. */
    void received(long bytes);

    /** One message of {@code bytes} (all frames) was sent. */
    void sent(long bytes);

    /** A template request on this socket got no reply within its timeout. */
    void requestTimedOut();
}
