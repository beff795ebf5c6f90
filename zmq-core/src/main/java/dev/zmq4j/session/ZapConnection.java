package dev.zmq4j.session;

import dev.zmq4j.engine.Engine;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeEvents;
import dev.zmq4j.protocol.mechanism.ZapChannel;

/**
 * One connection's line to the ZAP handler (libzmq's session zap_connect and zap pipe): a pipe with no high-water
 * mark from the session to whatever socket is bound to {@code inproc://zeromq.zap.01}. A reply arriving wakes the
 * engine; a handler that closes its socket just never answers, and the handshake runs into HANDSHAKE_IVL or the
 * peer's patience, as with libzmq.
 *
 * <p>Called only on the session's I/O thread.
 */
final class ZapConnection implements ZapChannel, PipeEvents {
    private final Session session;
    private final Engine engine;
    private Pipe pipe;
    private boolean closed;

    ZapConnection(Session session, Engine engine) {
        this.session = session;
        this.engine = engine;
    }

    @Override
    public boolean open() {
        if (closed || pipe != null) {
            return pipe != null;
        }
        pipe = session.connectToZapHandler(this);
        return pipe != null;
    }

    @Override
    public void send(Frame frame) {
        if (pipe == null) {
            return;
        }
        pipe.writeUnchecked(frame);
        if (!frame.hasMore()) {
            pipe.flush();
        }
    }

    @Override
    public boolean receive(Frame view) {
        return pipe != null && pipe.read(view);
    }

    @Override
    public void close() {
        closed = true;
        if (pipe != null) {
            session.zapPipeClosing(pipe);
            pipe.terminate(false);
            pipe = null;
        }
    }

    @Override
    public void readActivated(Pipe pipe) {
        if (pipe == this.pipe) {
            engine.zapReplyArrived();
        }
    }

    @Override
    public void writeActivated(Pipe pipe) {
        // No high-water mark: writes never wait.
    }

    @Override
    public void pipeTerminated(Pipe pipe) {
        if (pipe == this.pipe) {
            // The handler went away before answering.
            this.pipe = null;
        }
        session.zapPipeTerminated(pipe);
    }
}
