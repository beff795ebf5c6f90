package dev.zmq4j.socket.pair;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.socket.SinglePart;
import dev.zmq4j.socket.SinglePartReceiver;
import dev.zmq4j.socket.SocketBase;

/**
 * CHANNEL (libzmq draft): a PAIR of single-part messages; a multipart message from the peer is dropped whole.
 *
 * <p>Thread-safe: any number of threads call it at once, taking turns under the socket's lock (see
 * {@link SocketBase}); the methods here run under that lock.
 */
public final class Channel extends Pair {
    private final SinglePartReceiver receiver = new SinglePartReceiver(super::xRecv);

    public Channel(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean xSend(Frame frame) {
        SinglePart.checkSend(frame, options.type);
        return super.xSend(frame);
    }

    @Override
    protected boolean xRecv(Frame view) {
        return receiver.recv(view);
    }
}
