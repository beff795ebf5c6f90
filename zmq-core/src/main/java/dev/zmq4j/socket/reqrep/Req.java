package dev.zmq4j.socket.reqrep;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * REQ (RFC 28): strictly alternates one request and one reply. Each request is prefixed with an empty delimiter
 * frame and goes round-robin to one peer; only that peer's reply is accepted, anything else is dropped. With
 * REQ_RELAXED a new request may be sent without waiting for the reply; with REQ_CORRELATE each request carries a
 * 4-byte request id before the delimiter and only the reply echoing it is accepted (libzmq's lazy-pirate aids).
 */
public final class Req extends Dealer {
    /** The empty frame before each request; pipes copy it, so one instance serves every request. */
    private static final Frame DELIMITER = new Frame(new byte[0], Frame.MORE);

    private final byte[] requestIdBytes = new byte[4];
    private final Frame requestIdFrame = new Frame();
    private final Frame stale = new Frame();
    private int requestId = ThreadLocalRandom.current().nextInt();
    private boolean receivingReply;
    private boolean messageBegins = true;
    private Pipe replyPipe;

    public Req(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (receivingReply) {
            if (!options.reqRelaxed) {
                throw new ZmqException(
                        ErrorCode.EFSM,
                        "a REQ socket must receive the reply before it sends another request (or set REQ_RELAXED)");
            }
            // Relaxed: give up on the pending reply; a late one is dropped when it comes.
            receivingReply = false;
            messageBegins = true;
        }
        if (messageBegins) {
            replyPipe = null;
            // Replies still queued belong to earlier requests: drop them before they can pass for this one's. Before
            // a pipe is chosen: reading may meet a leaving peer's delimiter, which ends its pipe for writing too,
            // and a pipe that took the delimiter must also take the frames after it.
            while (fairQueue.recv(stale)) {
                // dropped
            }
            if (options.reqCorrelate) {
                requestId++;
                writeRequestId(requestIdBytes, requestId);
                if (!loadBalancer.send(requestIdFrame.setView(requestIdBytes, 0, 4, Frame.MORE))) {
                    return false;
                }
            }
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
            if (options.reqCorrelate) {
                if (!recvFromReplyPipe(view)) {
                    return false;
                }
                if (!view.hasMore() || view.size() != 4 || readRequestId(view) != requestId) {
                    // A reply to another request.
                    dropRestOf(view);
                    continue;
                }
            }
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

    /** libzmq writes the request id in host byte order; the REP peer only echoes it. */
    private static final boolean HOST_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private static void writeRequestId(byte[] target, int id) {
        for (int i = 0; i < 4; i++) {
            int shift = HOST_LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
            target[i] = (byte) (id >>> shift);
        }
    }

    private static int readRequestId(Frame frame) {
        byte[] bytes = frame.array();
        int id = 0;
        for (int i = 0; i < 4; i++) {
            int shift = HOST_LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
            id |= (bytes[frame.offset() + i] & 0xFF) << shift;
        }
        return id;
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
    protected boolean xHasIn() {
        // As libzmq: a queued reply from another peer may make this say yes; the receive then drops it.
        return receivingReply && super.xHasIn();
    }

    @Override
    protected boolean xHasOut() {
        return (!receivingReply || options.reqRelaxed) && super.xHasOut();
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        if (pipe == replyPipe) {
            replyPipe = null;
        }
        super.xPipeTerminated(pipe);
    }
}
