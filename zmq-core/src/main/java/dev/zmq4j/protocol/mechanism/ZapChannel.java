package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.msg.Frame;

/**
 * A connection's line to its socket's ZAP handler (27/ZAP): whatever is bound to {@code inproc://zeromq.zap.01} in
 * the same context. The session hosting the connection provides it; a mechanism that must authenticate its peer
 * opens it, sends one request and waits for the reply, which the engine announces with
 * {@link Mechanism#zapReplyArrived()}.
 *
 * <p>Called only on the connection's I/O thread.
 */
public interface ZapChannel {
    /** Connects to the handler; false when none is bound. */
    boolean open();

    /** Sends a frame of the request; the request reaches the handler whole, with its last frame (no MORE). */
    void send(Frame frame);

    /**
     * Reads the next frame of the reply into {@code view}, valid until the next read; false when nothing has
     * arrived. A reply arrives whole or not at all.
     */
    boolean receive(Frame view);

    /** Lets go of the handler: the request is answered or the connection is gone. Idempotent. */
    void close();

    /** A channel for a connection that never consults a handler (tests, transports without ZAP). */
    ZapChannel NONE = new ZapChannel() {
        @Override
        public boolean open() {
            return false;
        }

        @Override
        public void send(Frame frame) {
            throw new IllegalStateException("no ZAP handler is connected");
        }

        @Override
        public boolean receive(Frame view) {
            return false;
        }

        @Override
        public void close() {}
    };
}
