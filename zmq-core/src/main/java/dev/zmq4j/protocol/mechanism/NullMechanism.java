package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;

/**
 * The NULL mechanism (23/ZMTP "The NULL Security Mechanism"): no authentication, no encryption. Each side sends one
 * READY with its properties and waits for the peer's; a peer may answer with ERROR instead.
 *
 * <pre>
 *  C: greeting "NULL"        S: greeting "NULL"
 *  C: READY Socket-Type=...  S: READY Socket-Type=...      (in either order; Identity for REQ, DEALER, ROUTER)
 * </pre>
 *
 * <p>The handshake succeeds once the peer's READY arrives and its Socket-Type may talk to ours. Data frames pass
 * through untouched.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class NullMechanism implements Mechanism {
    public static final String NAME = "NULL";

    private final SocketType type;
    private final byte[] routingId;
    private boolean readySent;
    private Status status = Status.HANDSHAKING;
    private Metadata peerMetadata;
    private HandshakeFailure failure;

    /**
     * @param routingId the routing id to announce as Identity, or null for a type that announces none
     */
    public NullMechanism(SocketType type, byte[] routingId) {
        this.type = type;
        this.routingId = routingId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        // libzmq always sends 0 for NULL and ignores the peer's value.
        return false;
    }

    @Override
    public Frame nextHandshakeCommand() {
        if (readySent || status == Status.FAILED) {
            return null;
        }
        readySent = true;
        return ZmtpCommands.ready(HandshakeProperties.own(type, routingId));
    }

    @Override
    public void processHandshakeCommand(Frame frame) throws ProtocolException {
        if (!frame.isCommand()) {
            throw new ProtocolException(
                    "expected a READY command, received a message", SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        }
        if (ZmtpCommands.is(frame, ZmtpCommands.ERROR)) {
            failure = HandshakeFailure.refusedByPeer(ZmtpCommands.errorReason(frame));
            status = Status.FAILED;
            return;
        }
        if (!ZmtpCommands.is(frame, ZmtpCommands.READY)) {
            throw new ProtocolException(
                    "expected a READY command, received " + ZmtpCommands.name(frame),
                    SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        }
        Metadata metadata = Metadata.parse(
                frame.array(), frame.offset() + ZmtpCommands.dataOffset(frame), ZmtpCommands.dataLength(frame));
        HandshakeProperties.checkPeerType(type, metadata);
        peerMetadata = metadata;
        status = Status.READY;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public HandshakeFailure failure() {
        return failure;
    }

    @Override
    public Metadata peerMetadata() {
        return peerMetadata;
    }

    @Override
    public Frame encode(Frame frame) {
        return frame;
    }

    @Override
    public Frame decode(Frame frame) {
        return frame;
    }
}
