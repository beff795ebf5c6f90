package dev.zmq4j.protocol.mechanism.curve;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.AbstractMechanism;
import dev.zmq4j.protocol.mechanism.HandshakeFailure;
import dev.zmq4j.protocol.mechanism.ZapChannel;

/**
 * What both sides of CURVE share: the box, the MESSAGE codec once the handshake is done, and wiping it all when
 * the connection ends. Subclasses run their side of the handshake and install the codec.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
abstract class CurveMechanism extends AbstractMechanism {
    static final String NAME = "CURVE";

    protected final CryptoBox box = new CryptoBox();
    private CurveMessageCodec codec;

    CurveMechanism(Options options, String peerAddress, ZapChannel zap) {
        super(options, peerAddress, zap);
    }

    @Override
    public final String name() {
        return NAME;
    }

    /** The handshake is done: MESSAGE boxes from now on. */
    protected final void startMessages(CurveMessageCodec messages) {
        codec = messages;
        succeeded();
    }

    @Override
    public final Frame encode(Frame frame) {
        return codec.encode(frame);
    }

    @Override
    public final Frame decode(Frame frame) throws ProtocolException {
        return codec.decode(frame);
    }

    /** Overwrites the subclass's secrets; called once, from {@link #destroy()}. */
    protected abstract void wipeHandshakeSecrets();

    @Override
    public final void destroy() {
        super.destroy();
        wipeHandshakeSecrets();
        if (codec != null) {
            codec.destroy();
        }
        box.destroy();
    }

    static HandshakeFailure cryptographic(String reason) {
        return new HandshakeFailure(
                reason, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
    }

    static ProtocolException cryptographicError(String reason) {
        return new ProtocolException(reason, SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
    }
}
