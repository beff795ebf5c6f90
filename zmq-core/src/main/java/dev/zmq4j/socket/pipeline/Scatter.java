package dev.zmq4j.socket.pipeline;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.socket.SinglePart;
import dev.zmq4j.socket.SocketBase;

/**
 * SCATTER (libzmq draft): a PUSH of single-part messages, round-robin to its GATHER peers.
 *
 * <p>Thread-safe: any number of threads call it at once, taking turns under the socket's lock (see
 * {@link SocketBase}); the methods here run under that lock.
 */
public final class Scatter extends Push {
    public Scatter(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean xSend(Frame frame) {
        SinglePart.checkSend(frame, options.type);
        return super.xSend(frame);
    }
}
