package dev.zmq4j.socket.reqrep;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;

/**
 * REQ (RFC 28): strictly alternates one request and one reply. Each request is prefixed with an empty delimiter
 * frame and goes round-robin to one peer; only that peer's reply is accepted, anything else is dropped.
 */
public final class Req extends Dealer {
    /** The empty frame before each request; pipes copy it, so one instance serves every request. */
    private static final Frame DELIMITER = new Frame(new byte[0], Frame.MORE);

    private boolean receivingReply;
    private boolean messageBegins = true;
    private Pipe replyPipe;

    public Req(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (receivingReply) {
            throw new ZmqException(ErrorCode.EFSM,
                    "a REQ socket must receive the reply before it sends another request");
        }
        if (messageBegins) {
            if (!loadBalancer.send(DELIMITER)) {
                return false;
            }
            replyPipe = loadBalancer.lastPipe();
            messageBegins = false;
        }
        if (!loadBalancer.send(frame)) {
            return false;
        }
        if (!frame.hasMore()) {
            messageBegins = true;
            receivingReply = true;
        }
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        if (!receivingReply) {
            throw new ZmqException(ErrorCode.EFSM, "a REQ socket must send a request before it receives");
        }
        while (messageBegins) {
            if (!recvFromReplyPipe(view)) {
                return false;
            }
            if (view.hasMore() && view.size() == 0) {
                messageBegins = false;
            } else {
                dropRestOf(view);
            }
        }
        if (!recvFromReplyPipe(view)) {
            return false;
        }
        if (!view.hasMore()) {
            receivingReply = false;
            messageBegins = true;
        }
        return true;
    }

    private boolean recvFromReplyPipe(Frame view) {
        while (fairQueue.recv(view)) {
            if (replyPipe != null && fairQueue.lastPipe() == replyPipe) {
                return true;
            }
            dropRestOf(view);
        }
        return false;
    }

    private void dropRestOf(Frame view) {
        while (view.hasMore() && fairQueue.recv(view)) {
            // dropped
        }
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        if (pipe == replyPipe) {
            replyPipe = null;
        }
        super.xPipeTerminated(pipe);
    }
}
