package dev.zmq4j.socket.pair;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.SocketBase;

/**
 * PAIR (RFC 31): exactly one peer; further peers are refused.
 *
 * <p>Not thread-safe, as every classic socket: one application thread at a time (see {@link SocketBase}); CHANNEL
 * extends it as a thread-safe type.
 */
public class Pair extends SocketBase {
    private Pipe pipe;

    public Pair(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        if (this.pipe == null) {
            this.pipe = pipe;
        } else {
            pipe.terminate(false);
        }
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (pipe == null || !pipe.write(frame)) {
            return false;
        }
        if (!frame.hasMore()) {
            pipe.flush();
        }
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        return pipe != null && pipe.read(view);
    }

    @Override
    protected boolean xHasIn() {
        return pipe != null && pipe.checkRead();
    }

    @Override
    protected boolean xHasOut() {
        return pipe != null && pipe.checkWrite();
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        // Reading simply tries the one pipe again.
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        // Sending simply tries the one pipe again.
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        if (this.pipe == pipe) {
            this.pipe = null;
        }
    }
}
