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
 *
 * <p>Not thread-safe, as every socket: one application thread at a time (see {@link SocketBase}).
 */
public final class Rep extends Router {
    private boolean sendingReply;
    private boolean requestBegins = true;
    /** The routing frames of the current request, up to the delimiter; the first envelopeSize are in use. */
    private final List<Frame> envelope = new ArrayList<>();

    private int envelopeSize;

    public Rep(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (!sendingReply) {
            throw new ZmqException(ErrorCode.EFSM, "a REP socket must receive a request before it sends a reply");
        }
        for (int i = 0; i < envelopeSize; i++) {
            super.xSend(envelope.get(i));
        }
        envelopeSize = 0;
        super.xSend(frame);
        if (!frame.hasMore()) {
            sendingReply = false;
        }
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        if (sendingReply) {
            throw new ZmqException(ErrorCode.EFSM, "a REP socket must send the reply before it receives again");
        }
        while (requestBegins) {
            if (!super.xRecv(view)) {
                return false;
            }
            if (!view.hasMore()) {
                // No delimiter: a malformed request, dropped.
                envelopeSize = 0;
                continue;
            }
            keepInEnvelope(view);
            if (view.size() == 0) {
                requestBegins = false;
            }
        }
        if (!super.xRecv(view)) {
            return false;
        }
        if (!view.hasMore()) {
            sendingReply = true;
            requestBegins = true;
        }
        return true;
    }

    @Override
    protected boolean xHasIn() {
        return !sendingReply && super.xHasIn();
    }

    @Override
    protected boolean xHasOut() {
        return sendingReply && super.xHasOut();
    }

    /** Copies a routing frame into the envelope, reusing the arrays of earlier requests. */
    private void keepInEnvelope(Frame view) {
        if (envelopeSize == envelope.size()) {
            envelope.add(new Frame());
        }
        Frame kept = envelope.get(envelopeSize++);
        byte[] storage = kept.array();
        if (storage.length < view.size()) {
            storage = new byte[Math.max(view.size(), 16)];
        }
        view.copyTo(storage, 0, view.size());
        kept.setView(storage, 0, view.size(), view.flags());
    }
}
