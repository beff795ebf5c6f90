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
            if (!loadBalancer.send(new Frame(new byte[0], Frame.MORE))) {
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
    protected Frame xRecv() {
        if (!receivingReply) {
            throw new ZmqException(ErrorCode.EFSM, "a REQ socket must send a request before it receives");
        }
        while (messageBegins) {
            Frame delimiter = recvFromReplyPipe();
            if (delimiter == null) {
                return null;
            }
            if (delimiter.hasMore() && delimiter.size() == 0) {
                messageBegins = false;
            } else {
                dropRestOf(delimiter);
            }
        }
        Frame frame = recvFromReplyPipe();
        if (frame == null) {
            return null;
        }
        if (!frame.hasMore()) {
            receivingReply = false;
            messageBegins = true;
        }
        return frame;
    }

    private Frame recvFromReplyPipe() {
        while (true) {
            Frame frame = fairQueue.recv();
            if (frame == null) {
                return null;
            }
            if (replyPipe != null && fairQueue.lastPipe() == replyPipe) {
                return frame;
            }
            dropRestOf(frame);
        }
    }

    private void dropRestOf(Frame frame) {
        while (frame != null && frame.hasMore()) {
            frame = fairQueue.recv();
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
