package dev.zmq4j.perf;

/**
 * One socket of a {@link PerfContext}, with blocking, buffer-reusing send and receive. Failures (a closed context, a
 * refused endpoint) are thrown as runtime exceptions whose message names the call; they end the tool. Not
 * thread-safe.
 */
public interface PerfSocket extends AutoCloseable {
    /** The few options the workloads set, with libzmq's names; each is switched on, never off. */
    enum Option {
        /** XPUB: hand the application every subscription, also a second one to the same topic. */
        XPUB_VERBOSE,
        /** XPUB: a send waits while a subscriber is at its high-water mark, instead of dropping for it. */
        XPUB_NODROP
    }

    /** Switches an option on; before bind or connect. */
    void enable(Option option);

    /** SUB: receives the messages whose first frame starts with {@code topic} (every message for an empty one). */
    void subscribe(byte[] topic);

    void bind(String endpoint);

    void connect(String endpoint);

    /** Sends the first {@code length} bytes of {@code buffer} as one frame; the buffer may be reused at once. */
    void send(byte[] buffer, int length);

    /** Sends the first {@code length} bytes of {@code buffer} as a frame with more frames of the message to follow. */
    void sendMore(byte[] buffer, int length);

    /**
     * Receives one frame into {@code buffer}. Returns the frame's size when it fits; a frame larger than the buffer
     * returns a value of at least {@code buffer.length}, so callers checking for an exact size pass a buffer one byte
     * longer than the size they expect.
     */
    int recv(byte[] buffer);

    /**
     * SERVER: receives one message and sends it back to the peer it came from, returning its size. The libraries
     * without the draft types in the perf tools (JeroMQ here) do not implement it.
     */
    default int echo() {
        throw new UnsupportedOperationException("echo: this library's perf sockets have no SERVER");
    }

    /**
     * Receives one frame into {@code buffer} as {@link #recv(byte[])} does, waiting at most {@code timeoutMillis};
     * -1 when none came in that time. Only the draft tools use it.
     */
    default int recv(byte[] buffer, int timeoutMillis) {
        throw new UnsupportedOperationException("recv: this library's perf sockets have no receive timeout");
    }

    /** DISH: receives the messages sent to {@code group}; before bind. Draft types, as {@link #echo()}. */
    default void join(String group) {
        throw new UnsupportedOperationException("join: this library's perf sockets have no DISH");
    }

    /**
     * RADIO: sends the first {@code length} bytes of {@code buffer} as one message to {@code group}; the buffer may be
     * reused at once, as for {@link #send(byte[], int)}. Draft types, as {@link #echo()}.
     */
    default void send(byte[] buffer, int length, String group) {
        throw new UnsupportedOperationException("send: this library's perf sockets have no RADIO");
    }

    /** Closes the socket; what it still holds is sent in the background (LINGER infinite, as libzmq's default). */
    @Override
    void close();
}
