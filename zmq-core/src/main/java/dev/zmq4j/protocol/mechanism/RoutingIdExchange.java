package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import java.util.Arrays;

/**
 * What takes a mechanism's place on a WebSocket connection whose subprotocol is plain {@code ZWS2.0} (45/ZWS: "no
 * mechanism", as jszmq speaks it and libzmq accepts it): no READY, no properties, no socket-type check; each side's
 * first message is its routing id (empty when it has none), as in ZMTP 2.0, and frames pass unchanged after it.
 *
 * <p>Not thread-safe: one per connection, on its I/O thread.
 */
public final class RoutingIdExchange implements Mechanism {
    /** Never on the wire: the WebSocket subprotocol, not a greeting, says that there is no mechanism. */
    public static final String NAME = "NONE";

    private static final int MAX_ROUTING_ID = 255;

    private final Options options;
    private boolean sent;
    private Metadata peerMetadata;

    public RoutingIdExchange(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public Frame nextHandshakeCommand() {
        if (sent) {
            return null;
        }
        sent = true;
        return new Frame(options.routingId.clone(), 0);
    }

    @Override
    public void processHandshakeCommand(Frame frame) throws ProtocolException {
        if (peerMetadata != null) {
            throw new ProtocolException("a second routing id message", SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
        }
        if (frame.isCommand() || frame.hasMore() || frame.size() > MAX_ROUTING_ID) {
            throw new ProtocolException(
                    "the peer's first message must be its routing id (one frame of at most 255 bytes), not " + frame,
                    SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        }
        byte[] routingId = Arrays.copyOfRange(frame.array(), frame.offset(), frame.offset() + frame.size());
        peerMetadata = new Metadata().put(Metadata.IDENTITY, routingId);
    }

    @Override
    public Status status() {
        return peerMetadata != null && sent ? Status.READY : Status.HANDSHAKING;
    }

    @Override
    public HandshakeFailure failure() {
        return null;
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
