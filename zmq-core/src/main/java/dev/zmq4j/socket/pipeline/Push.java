package dev.zmq4j.socket.pipeline;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.LoadBalancer;
import dev.zmq4j.socket.SocketBase;

/**
 * PUSH (RFC 30): round-robin to the PULL peers; never receives.
 *
 * <p>Not thread-safe, as every classic socket: one application thread at a time (see {@link SocketBase}); SCATTER
 * extends it as a thread-safe type.
 */
public class Push extends SocketBase {
    protected final LoadBalancer loadBalancer = new LoadBalancer();

    public Push(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        // Nobody reads this pipe, so nobody would ever reach the peer's delimiter.
        pipe.setNoDelay();
        loadBalancer.attach(pipe);
    }

    @Override
    protected boolean xSend(Frame frame) {
        return loadBalancer.send(frame);
    }

    @Override
    protected boolean xRecv(Frame view) {
        throw notSupported("receive");
    }

    @Override
    protected boolean xHasIn() {
        return false;
    }

    @Override
    protected boolean xHasOut() {
        return loadBalancer.hasOut();
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        // PULL peers send nothing.
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        loadBalancer.activated(pipe);
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        loadBalancer.terminated(pipe);
    }
}
