package dev.zmq4j.socket.reqrep;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.FairQueue;
import dev.zmq4j.socket.LoadBalancer;
import dev.zmq4j.socket.SocketBase;

/**
 * DEALER (RFC 28): round-robin sending, fair-queued receiving, no envelope handling. REQ builds on it.
 *
 * <p>Not thread-safe, as every classic socket: one application thread at a time (see {@link SocketBase}); CLIENT
 * extends it as a thread-safe type.
 */
public class Dealer extends SocketBase {
    protected final LoadBalancer loadBalancer = new LoadBalancer();
    protected final FairQueue fairQueue = new FairQueue();

    public Dealer(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        if (options.probeRouter) {
            // PROBE_ROUTER: greet the peer with an empty message so that a ROUTER learns our routing id at once.
            pipe.write(Frame.empty());
            pipe.flush();
        }
        fairQueue.attach(pipe);
        loadBalancer.attach(pipe);
    }

    @Override
    protected boolean xSend(Frame frame) {
        return loadBalancer.send(frame);
    }

    @Override
    protected boolean xRecv(Frame view) {
        return fairQueue.recv(view);
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
