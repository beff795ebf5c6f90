package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.FrameEncoder;
import dev.zmq4j.protocol.GreetingExchange;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.Mechanism;
import java.nio.ByteBuffer;

/**
 * ZMTP's own wire, for tcp and ipc (23/ZMTP): the greeting exchange, which must name the same mechanism on both
 * sides, then frames with ZMTP's flags-and-length header, a large body read straight into its own array.
 *
 * <p>Not thread-safe: one per connection, on its I/O thread.
 */
public final class ZmtpWire extends Wire {
    private final Options options;
    private final FrameDecoder decoder;
    private final FrameEncoder encoder = new FrameEncoder();
    private GreetingExchange greeting;
    private String mechanismName;
    private boolean mismatch;

    public ZmtpWire(Options options) {
        this.options = options;
        this.decoder = new FrameDecoder(options.maxMessageSize);
    }

    @Override
    void begin(Mechanism mechanism) {
        mechanismName = mechanism.name();
        greeting = new GreetingExchange(options.routingId.length, mechanismName, mechanism.asServer());
    }

    @Override
    boolean hasPreambleOutput() {
        return greeting.hasOutput();
    }

    @Override
    void producePreamble(ByteBuffer out) {
        greeting.produce(out);
    }

    @Override
    boolean receivePreamble(ByteBuffer in) throws ProtocolException {
        greeting.receive(in);
        if (!greeting.isComplete()) {
            return false;
        }
        String peerMechanism = greeting.peerMechanism();
        if (!mechanismName.equals(peerMechanism)) {
            mismatch = true;
            // The rest of our greeting still goes out (the engine writes it), so the peer sees the mismatch too, as
            // with libzmq, not only a connection closed half-way through the greeting.
            throw new ProtocolException(
                    "security mechanism mismatch: the peer uses " + peerMechanism + ", this socket uses "
                            + mechanismName,
                    SocketEvent.PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH);
        }
        return true;
    }

    /**
     * Only a mechanism mismatch: a peer refused for its version gets no more of our greeting (as with libzmq, which
     * sends nothing more to a ZMTP 1.0 or 2.0 peer it refuses).
     */
    @Override
    boolean answersRefusal() {
        return mismatch;
    }

    @Override
    boolean framesMayFollow() {
        return greeting.isComplete() && !greeting.hasOutput();
    }

    @Override
    int peerMinorVersion() {
        return greeting.peerMinorVersion();
    }

    @Override
    Input decode(ByteBuffer in, Frame view) throws ProtocolException {
        return decoder.decode(in, view) ? Input.FRAME : Input.NEED_MORE;
    }

    @Override
    ByteBuffer largeBodyWindow() {
        return decoder.largeBodyWindow();
    }

    @Override
    void bodyFilled(int count) {
        decoder.bodyFilled(count);
    }

    @Override
    void handshakeDone() {
        decoder.handshakeDone();
    }

    @Override
    void load(Frame frame) {
        encoder.load(frame);
    }

    @Override
    void loadOwnCommand(Frame command, boolean pong, Mechanism mechanism) {
        encoder.load(mechanism.encode(command));
    }

    @Override
    boolean hasPending() {
        return encoder.hasPending();
    }

    @Override
    boolean encode(ByteBuffer out) {
        return encoder.encode(out);
    }
}
