package dev.zmq4j.interop;

/**
 * The other end of an interop test: a libzmq process ({@link LibzmqPeer}) or a JeroMQ socket on its own thread
 * ({@link JeroMqPeer}), playing one {@link PeerRole}. Driven by one test thread.
 */
public interface InteropPeer extends AutoCloseable {
    /** The resolved endpoint the peer bound, e.g. {@code tcp://127.0.0.1:40123}; only for bound peers. */
    String endpoint();

    /** Waits (bounded) for the peer to finish its role and fails the test, with diagnostics, if it did not. */
    void awaitSuccess();

    /** What the peer said or threw so far, appended to failure messages. */
    String diagnostics();

    /** Stops the peer if it still runs. Idempotent, never throws. */
    @Override
    void close();
}
