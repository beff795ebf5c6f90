package dev.zmq4j.socket.pipeline;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.FairQueue;
import dev.zmq4j.socket.SocketBase;

/**
 * PULL (RFC 30): fair-queued receiving from the PUSH peers; never sends.
 *
 * <p>Not thread-safe, as every classic socket: one application thread at a time (see {@link SocketBase}); GATHER
 * extends it as a thread-safe type.
 */
public class Pull extends SocketBase {
    protected final FairQueue fairQueue = new FairQueue();

    public Pull(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        fairQueue.attach(pipe);
    }

    @Override
    protected boolean xSend(Frame frame) {
        throw notSupported("send");
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
        return false;
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        fairQueue.activated(pipe);
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        // Nothing is ever sent.
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        fairQueue.terminated(pipe);
    }
}
