package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;

/**
 * What every mechanism has: where the handshake stands, why it failed, the peer's properties, the socket's own
 * properties to announce, and the ZAP exchange when the mechanism authenticates its peer. Subclasses implement the
 * command sequence.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public abstract class AbstractMechanism implements Mechanism {
    protected final Options options;
    protected final String peerAddress;
    private final ZapChannel zapChannel;
    private ZapClient zap;

    private Status status = Status.HANDSHAKING;
    private HandshakeFailure failure;
    private Metadata peerMetadata;

    protected AbstractMechanism(Options options, String peerAddress, ZapChannel zapChannel) {
        this.options = options;
        this.peerAddress = peerAddress;
        this.zapChannel = zapChannel;
    }

    @Override
    public final Status status() {
        return status;
    }

    @Override
    public final HandshakeFailure failure() {
        return failure;
    }

    @Override
    public final Metadata peerMetadata() {
        return peerMetadata;
    }

    protected final void succeeded() {
        status = Status.READY;
    }

    protected final void failed(HandshakeFailure why) {
        if (status != Status.FAILED) {
            failure = why;
            status = Status.FAILED;
        }
    }

    protected final boolean isFailed() {
        return status == Status.FAILED;
    }

    /** The properties we announce: our Socket-Type and, for REQ, DEALER and ROUTER, our Identity. */
    protected final Metadata ownProperties() {
        return HandshakeProperties.own(options.type, options.announcesRoutingId ? options.routingId : null);
    }

    /** Reads the properties in {@code command} after its name plus {@code skip} bytes and checks the peer's type. */
    protected final void takePeerProperties(Frame command, int skip) throws ProtocolException {
        int offset = ZmtpCommands.dataOffset(command) + skip;
        Metadata metadata = Metadata.parse(command.array(), command.offset() + offset, command.size() - offset);
        HandshakeProperties.checkPeerType(options.type, metadata);
        peerMetadata = metadata;
    }

    /** Takes properties from a decrypted buffer (CURVE's INITIATE and READY) and checks the peer's type. */
    protected final void takePeerProperties(byte[] data, int offset, int length) throws ProtocolException {
        Metadata metadata = Metadata.parse(data, offset, length);
        HandshakeProperties.checkPeerType(options.type, metadata);
        peerMetadata = metadata;
    }

    protected static ProtocolException unexpected(Frame frame, String expected) {
        String what = frame.isCommand() ? ZmtpCommands.name(frame) : "a message";
        return new ProtocolException(
                "expected " + expected + ", received " + what, SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
    }

    // ---- ZAP ---------------------------------------------------------------------------------------------

    /**
     * Asks the ZAP handler about the peer. False when no handler is bound: the caller decides whether that is
     * fatal (PLAIN always, NULL and CURVE under ZAP_ENFORCE_DOMAIN) or lets the peer in.
     */
    protected final boolean askZap(byte[]... credentials) {
        zap = new ZapClient(zapChannel, options.zapDomain, peerAddress, options.routingId);
        if (!zap.connect()) {
            zap = null;
            return false;
        }
        zap.sendRequest(name(), credentials);
        return true;
    }

    /** libzmq's failure when a handler is needed and none is bound. */
    protected static HandshakeFailure noZapHandler() {
        return new HandshakeFailure(
                "no ZAP handler is bound to inproc://zeromq.zap.01",
                SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL,
                14); // EFAULT, as libzmq reports it
    }

    protected final ZapClient zap() {
        return zap;
    }

    @Override
    public final void zapReplyArrived() throws ProtocolException {
        if (zap != null && zap.status() == null && zap.receiveReply()) {
            zapAnswered(zap);
        }
    }

    /** Tries to read the reply at once (it is rarely there yet); true when it was. */
    protected final boolean zapReplyReady() throws ProtocolException {
        if (zap.receiveReply()) {
            zapAnswered(zap);
            return true;
        }
        return false;
    }

    /** The handler answered (validly): carry on or fail. */
    protected void zapAnswered(ZapClient reply) {
        throw new IllegalStateException(name() + " does not consult ZAP");
    }

    @Override
    public final void addZapPropertiesTo(Properties.Builder properties) {
        if (zap != null) {
            zap.addPropertiesTo(properties);
        }
    }

    /** The frame itself: NULL and PLAIN send data in the clear. CURVE overrides both. */
    @Override
    public Frame encode(Frame frame) {
        return frame;
    }

    @Override
    public Frame decode(Frame frame) throws ProtocolException {
        return frame;
    }

    @Override
    public void destroy() {
        if (zap != null) {
            zap.destroy();
        }
    }
}
