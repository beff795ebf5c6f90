package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Timer;
import dev.zmq4j.io.TimerHandler;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.GreetingExchange;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.HandshakeFailure;
import dev.zmq4j.protocol.mechanism.Mechanism;
import java.nio.ByteBuffer;

/**
 * The handshake phase of one ZMTP connection (23/ZMTP "Connection Handshake"): the greeting exchange, then the
 * mechanism's commands until it is ready or has failed, all within HANDSHAKE_IVL. Like {@link Heartbeat} it deals in
 * bytes and frames only and talks to its engine through a small interface; the engine owns the channel and the
 * events.
 *
 * <p>Called only on the engine's I/O thread.
 */
final class ZmtpHandshake implements TimerHandler {
    /** What the handshake needs from its engine. */
    interface Connection {
        /** Queues a handshake command, to be sent after the greeting and before any message. */
        void queueCommand(Frame command);

        /** Greeting bytes or commands are due: write them. */
        void outputDue();

        void handshakeSucceeded(Metadata peerMetadata);

        void handshakeFailed(HandshakeFailure failure);

        void handshakeTimedOut();

        /** Something unexpected escaped the handshake's timer: end the connection. */
        void handlerFailed(Throwable failure);
    }

    private static final int HANDSHAKE_TIMER = 1;

    private final IoThread ioThread;
    private final Options options;
    private final Mechanism mechanism;
    private final Connection connection;
    private final GreetingExchange greeting;
    private Timer timer;

    ZmtpHandshake(IoThread ioThread, Options options, Mechanism mechanism, Connection connection) {
        this.ioThread = ioThread;
        this.options = options;
        this.mechanism = mechanism;
        this.connection = connection;
        this.greeting = new GreetingExchange(options.routingId.length, mechanism.name(), mechanism.asServer());
    }

    /** The connection is up: the peer has HANDSHAKE_IVL to complete the handshake. */
    void start() {
        if (options.handshakeInterval > 0) {
            timer = ioThread.addTimer(options.handshakeInterval, this, HANDSHAKE_TIMER);
        }
    }

    /** Whether part of our greeting is due and unwritten; no frame may be sent before it. */
    boolean hasGreetingOutput() {
        return greeting.hasOutput();
    }

    void produceGreeting(ByteBuffer out) {
        greeting.produce(out);
    }

    /**
     * Takes the peer's greeting bytes from {@code in}; true once the greeting is complete, names our mechanism, and
     * the mechanism's first commands are queued.
     */
    boolean receiveGreeting(ByteBuffer in) throws ProtocolException {
        greeting.receive(in);
        boolean complete = greeting.isComplete();
        if (complete) {
            String peerMechanism = greeting.peerMechanism();
            if (!mechanism.name().equals(peerMechanism)) {
                // Finish our greeting first, so that the peer sees the mismatch too (as with libzmq), not only
                // a connection closed half-way through the greeting.
                if (greeting.hasOutput()) {
                    connection.outputDue();
                }
                throw new ProtocolException(
                        "security mechanism mismatch: the peer uses " + peerMechanism + ", this socket uses "
                                + mechanism.name(),
                        SocketEvent.PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH);
            }
            queueCommands();
        }
        if (!complete && greeting.hasOutput()) {
            connection.outputDue();
        }
        // Once complete, the engine moves on to frames and writes the rest of the greeting with the commands.
        return complete;
    }

    /** The ZMTP 3 minor version the peer speaks; once the greeting is complete. */
    int peerMinorVersion() {
        return greeting.peerMinorVersion();
    }

    /** A frame the peer sent after its greeting, before the handshake completed. */
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
