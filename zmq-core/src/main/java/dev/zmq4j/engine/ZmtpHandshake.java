package dev.zmq4j.engine;

import dev.zmq4j.core.Options;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Timer;
import dev.zmq4j.io.TimerHandler;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.HandshakeFailure;
import dev.zmq4j.protocol.mechanism.Mechanism;
import java.nio.ByteBuffer;

/**
 * The handshake phase of one ZMTP connection (23/ZMTP "Connection Handshake"): the wire's preamble (the greeting, or
 * a WebSocket upgrade), then the mechanism's commands until it is ready or has failed, all within HANDSHAKE_IVL.
 * Like {@link Heartbeat} it deals in bytes and frames only and talks to its engine through a small interface; the
 * engine owns the channel and the events.
 *
 * <p>Called only on the engine's I/O thread.
 */
final class ZmtpHandshake implements TimerHandler {
    /** What the handshake needs from its engine. */
    interface Connection {
        /** Queues a handshake command, to be sent after the preamble and before any message. */
        void queueCommand(Frame command);

        /** Preamble bytes or commands are due: write them. */
        void outputDue();

        /**
         * The preamble is complete: the mechanism to run from now on, the one the engine started with unless the
         * preamble chose none ({@link Wire#withoutMechanism()}).
         */
        Mechanism mechanismAfterPreamble();

        void handshakeSucceeded(Metadata peerMetadata);

        void handshakeFailed(HandshakeFailure failure);

        void handshakeTimedOut();

        /** Something unexpected escaped the handshake's timer: end the connection. */
        void handlerFailed(Throwable failure);
    }

    private static final int HANDSHAKE_TIMER = 1;

    private final IoThread ioThread;
    private final Options options;
    private final Wire wire;
    private final Connection connection;
    private Mechanism mechanism;
    private Timer timer;

    /** @param mechanism the mechanism the preamble announces; {@link Wire#begin} is called with it here */
    ZmtpHandshake(IoThread ioThread, Options options, Wire wire, Mechanism mechanism, Connection connection) {
        this.ioThread = ioThread;
        this.options = options;
        this.wire = wire;
        this.connection = connection;
        wire.begin(mechanism);
    }

    /** The connection is up: the peer has HANDSHAKE_IVL to complete the handshake. */
    void start() {
        if (options.handshakeInterval > 0) {
            timer = ioThread.addTimer(options.handshakeInterval, this, HANDSHAKE_TIMER);
        }
    }

    /**
     * Takes the peer's preamble bytes from {@code in}; true once the preamble is complete and the mechanism's first
     * commands are queued.
     */
    boolean receivePreamble(ByteBuffer in) throws ProtocolException {
        boolean complete;
        try {
            complete = wire.receivePreamble(in);
        } catch (ProtocolException e) {
            // What the refusal leaves due (the rest of our greeting, an HTTP error) goes out before the connection
            // closes, so that the peer learns why.
            if (wire.answersRefusal() && wire.hasPreambleOutput()) {
                connection.outputDue();
            }
            throw e;
        }
        if (complete) {
            mechanism = connection.mechanismAfterPreamble();
            queueCommands();
        } else if (wire.hasPreambleOutput()) {
            connection.outputDue();
        }
        // Once complete, the engine moves on to frames and writes the rest of the preamble with the commands.
        return complete;
    }

    /** A frame the peer sent after its preamble, before the handshake completed. */
    void process(Frame frame) throws ProtocolException {
        mechanism.processHandshakeCommand(frame);
        progressed();
    }

    /** The authentication reply the mechanism was waiting for has arrived. */
    void zapReplyArrived() throws ProtocolException {
        mechanism.zapReplyArrived();
        progressed();
    }

    /** Sends what the mechanism has to say, then acts on where it stands. */
    private void progressed() {
        boolean queued = queueCommands();
        switch (mechanism.status()) {
            case READY:
                stop();
                connection.handshakeSucceeded(mechanism.peerMetadata());
                break;
            case FAILED:
                // An ERROR it queued goes out before the connection closes.
                connection.outputDue();
                connection.handshakeFailed(mechanism.failure());
                break;
            default:
                if (queued) {
                    connection.outputDue();
                }
                break;
        }
    }

    private boolean queueCommands() {
        boolean queued = false;
        Frame command;
        while ((command = mechanism.nextHandshakeCommand()) != null) {
            connection.queueCommand(command);
            queued = true;
        }
        return queued;
    }

    /** Cancels the handshake timer. */
    void stop() {
        if (timer != null) {
            ioThread.cancelTimer(timer);
            timer = null;
        }
    }

    @Override
    public void timerEvent(int timerId) {
        timer = null;
        connection.handshakeTimedOut();
    }

    @Override
    public void handlerFailed(Throwable failure) {
        connection.handlerFailed(failure);
    }
}
