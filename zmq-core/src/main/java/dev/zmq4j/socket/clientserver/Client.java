package dev.zmq4j.socket.clientserver;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.SinglePart;
import dev.zmq4j.socket.SinglePartReceiver;
import dev.zmq4j.socket.SocketBase;
import dev.zmq4j.socket.reqrep.Dealer;

/**
 * CLIENT (libzmq draft): a DEALER of single-part messages, sent round-robin to its SERVER peers (blocking when none
 * can take one) and received fair-queued; a multipart message from a peer is dropped whole.
 *
 * <p>Thread-safe: any number of threads call it at once, taking turns under the socket's lock (see
 * {@link SocketBase}); the methods here run under that lock.
 */
public final class Client extends Dealer {
    private final SinglePartReceiver receiver = new SinglePartReceiver(fairQueue::recv);

    public Client(ContextCore context, Options options) {
        super(context, options);
    }

    /** As a DEALER's, without PROBE_ROUTER's greeting: a SERVER would take the empty message as a request. */
    @Override
    protected void xAttachPipe(Pipe pipe) {
        fairQueue.attach(pipe);
        loadBalancer.attach(pipe);
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
