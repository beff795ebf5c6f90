package dev.zmq4j.socket.pipeline;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.socket.SinglePartReceiver;
import dev.zmq4j.socket.SocketBase;

/**
 * GATHER (libzmq draft): a PULL of single-part messages, fair-queued from its SCATTER peers; a multipart message is
 * dropped whole.
 *
 * <p>Thread-safe: any number of threads call it at once, taking turns under the socket's lock (see
 * {@link SocketBase}); the methods here run under that lock.
 */
public final class Gather extends Pull {
    private final SinglePartReceiver receiver = new SinglePartReceiver(fairQueue::recv);

    public Gather(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean xRecv(Frame view) {
        return receiver.recv(view);
    }
}
