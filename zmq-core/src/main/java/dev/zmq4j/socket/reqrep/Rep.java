package dev.zmq4j.socket.reqrep;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * REP (RFC 28): a ROUTER that hides the envelope. It receives one request at a time, keeps the routing frames up
 * to the empty delimiter, and puts them in front of the reply, so the reply finds its way back through any chain
 * of ROUTERs and DEALERs. Requests without a delimiter are dropped.
 */
public final class Rep extends Router {
    private boolean sendingReply;
    private boolean requestBegins = true;
    private final List<Frame> envelope = new ArrayList<>();

    public Rep(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (!sendingReply) {
            throw new ZmqException(ErrorCode.EFSM, "a REP socket must receive a request before it sends a reply");
        }
        for (Frame routing : envelope) {
            super.xSend(routing);
        }
        envelope.clear();
        super.xSend(frame);
        if (!frame.hasMore()) {
            sendingReply = false;
        }
        return true;
    }

    @Override
    protected Frame xRecv() {
        if (sendingReply) {
            throw new ZmqException(ErrorCode.EFSM, "a REP socket must send the reply before it receives again");
        }
        while (requestBegins) {
            Frame frame = super.xRecv();
            if (frame == null) {
                return null;
            }
            if (!frame.hasMore()) {
                // No delimiter: a malformed request, dropped.
                envelope.clear();
                continue;
            }
            envelope.add(frame);
            if (frame.size() == 0) {
                requestBegins = false;
            }
        }
        Frame frame = super.xRecv();
        if (frame == null) {
            return null;
        }
        if (!frame.hasMore()) {
            sendingReply = true;
            requestBegins = true;
        }
        return frame;
    }
}
