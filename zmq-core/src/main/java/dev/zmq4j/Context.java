package dev.zmq4j;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.socket.SocketBase;
import dev.zmq4j.socket.SocketFactory;

/**
 * The container of a set of sockets: it owns the I/O threads that run their connections and the reaper that
 * finishes closing them, and the registry of {@code inproc://} endpoints. Thread-safe.
 *
 * <p>{@link #close()} closes every socket still open (honouring each socket's LINGER), makes blocking calls on
 * them fail with ETERM, and joins every thread the context started.
 */
public final class Context implements AutoCloseable {
    private final ContextCore core;

    private Context(int ioThreads) {
        this.core = new ContextCore(ioThreads);
    }

    /** A context with one I/O thread. */
    public static Context create() {
        return create(1);
    }

    /** A context with the given number of I/O threads (0 is allowed when only inproc is used). */
    public static Context create(int ioThreads) {
        if (ioThreads < 0) {
            throw new ZmqException(ErrorCode.EINVAL, "the number of I/O threads must be 0 or more, not " + ioThreads);
        }
        return new Context(ioThreads);
    }

    public Socket socket(SocketType type) {
        if (core.isTerminating()) {
            throw new ZmqException(ErrorCode.ETERM, "the context is closed");
        }
        SocketBase base = SocketFactory.create(core, type);
        core.addSocket(base);
        return new Socket(base);
    }

    /** A poller for waiting on several of this context's sockets at once; use it from their thread. */
    public Poller poller() {
        if (core.isTerminating()) {
            throw new ZmqException(ErrorCode.ETERM, "the context is closed");
        }
        return new Poller();
    }

    /** Closes all sockets and stops all threads; idempotent. */
    @Override
    public synchronized void close() {
        try {
            core.terminate();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException(ErrorCode.EINTR, "interrupted while closing the context");
        }
    }
}
