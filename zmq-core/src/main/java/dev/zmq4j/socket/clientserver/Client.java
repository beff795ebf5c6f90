package dev.zmq4j.socket.clientserver;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.FairQueue;
import dev.zmq4j.socket.LoadBalancer;
import dev.zmq4j.socket.SocketBase;

/**
 * CLIENT (libzmq draft): single-part messages sent round-robin to its SERVER peers, blocking when none can take one,
 * and received fair-queued; a multipart message from a peer is dropped whole.
 *
 * <p>Thread-safe: any number of threads call it at once, taking turns under the socket's lock (see
 * {@link SocketBase}); the methods here run under that lock.
 */
public final class Client extends SocketBase {
    private final LoadBalancer loadBalancer = new LoadBalancer();
    private final FairQueue fairQueue = new FairQueue();
    private final SinglePartReceiver receiver = new SinglePartReceiver(fairQueue);

    public Client(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        fairQueue.attach(pipe);
        loadBalancer.attach(pipe);
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (frame.hasMore()) {
            throw new ZmqException(ErrorCode.EINVAL, "a CLIENT socket sends single-part messages only");
        }
        return loadBalancer.send(frame);
    }

    @Override
    protected boolean xRecv(Frame view) {
        return receiver.recv(view);
    }

    @Override
    protected boolean xHasIn() {
        return fairQueue.hasIn();
    }

    @Override
    protected boolean xHasOut() {
        return loadBalancer.hasOut();
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        fairQueue.activated(pipe);
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        loadBalancer.activated(pipe);
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        fairQueue.terminated(pipe);
        loadBalancer.terminated(pipe);
    }
}
