package dev.zmq4j.engine;

import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.Mechanism;
import dev.zmq4j.protocol.ws.WsClientHandshake;
import dev.zmq4j.protocol.ws.WsFrameDecoder;
import dev.zmq4j.protocol.ws.WsFrameEncoder;
import dev.zmq4j.protocol.ws.WsServerHandshake;
import java.nio.ByteBuffer;

/**
 * The wire of a {@code ws://} connection, as 45/ZWS 2.0 and libzmq's ws engine speak it: the WebSocket opening
 * handshake (RFC 6455) in place of the ZMTP greeting, its subprotocol choosing the mechanism ({@code ZWS2.0/NULL},
 * {@code /PLAIN}, {@code /CURVE}, or plain {@code ZWS2.0}: no mechanism, routing ids first), then each ZMTP frame as
 * one binary WebSocket message that starts with the frame's flags byte. Heartbeats are WebSocket ping and pong
 * frames, outside the mechanism, as libzmq sends them; a peer's close frame is answered with one before the
 * connection closes. Subscriptions travel as 0x01/0x00 messages, as ZMTP 3.0 sends them: libzmq's ws encoder has no
 * SUBSCRIBE command either.
 *
 * <p>The server answers any request path (libzmq does not look at it either): a port serves one bound socket.
 *
 * <p>Not thread-safe: one per connection, on its I/O thread.
 */
public final class WsWire extends Wire {
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final boolean client;
    private final String host;
    private final String path;
    private final WsFrameDecoder decoder;
    private final WsFrameEncoder encoder;
    private WsClientHandshake clientHandshake;
    private WsServerHandshake serverHandshake;
    /** The preamble bytes due (our request, or our answer once the request is in), and how many are written. */
    private byte[] preamble;

    private int preambleWritten;
    private boolean peerDone;
    private byte[] closePayload;

    private WsWire(boolean client, String host, String path, Options options) {
        this.client = client;
        this.host = host;
        this.path = path;
        this.decoder = new WsFrameDecoder(!client, options.maxMessageSize);
        this.encoder = new WsFrameEncoder(client);
    }

    /**
     * The connecting side.
     *
     * @param host the endpoint's host as written (sent without the port, as libzmq sends it)
     * @param path the endpoint's path, "/" when it has none
     */
    public static WsWire client(String host, String path, Options options) {
        return new WsWire(true, host, path, options);
    }

    /** The accepting side. */
    public static WsWire server(Options options) {
        return new WsWire(false, null, null, options);
    }

    @Override
    void begin(Mechanism mechanism) {
        if (client) {
            clientHandshake = new WsClientHandshake(host, path, mechanism.name());
            preamble = clientHandshake.request();
        } else {
            serverHandshake = new WsServerHandshake(mechanism.name());
        }
    }

    @Override
    boolean hasPreambleOutput() {
        return preamble != null && preambleWritten < preamble.length;
    }

    @Override
    void producePreamble(ByteBuffer out) {
        int count = Math.min(out.remaining(), preamble.length - preambleWritten);
        out.put(preamble, preambleWritten, count);
        preambleWritten += count;
    }

    @Override
    boolean receivePreamble(ByteBuffer in) throws ProtocolException {
        if (client) {
            peerDone = clientHandshake.receive(in);
            return peerDone;
        }
        if (!serverHandshake.receive(in)) {
            return false;
        }
        preamble = serverHandshake.response();
        if (!serverHandshake.accepted()) {
            // The HTTP error is due: the engine writes it before closing.
            throw new ProtocolException("refused the WebSocket upgrade: " + serverHandshake.refusal());
        }
        peerDone = true;
        return true;
    }

    /** The HTTP error a server answers a bad request with. */
    @Override
    boolean answersRefusal() {
        return true;
    }

    @Override
    boolean framesMayFollow() {
        return peerDone && !hasPreambleOutput();
    }

    @Override
    int peerMinorVersion() {
        return 0;
    }

    @Override
    boolean withoutMechanism() {
        return client ? clientHandshake.withoutMechanism() : serverHandshake.withoutMechanism();
    }

    @Override
    boolean hasControlHeartbeats() {
        return true;
    }

    @Override
    Input decode(ByteBuffer in, Frame view) throws ProtocolException {
        switch (decoder.decode(in, view)) {
            case FRAME:
                return Input.FRAME;
            case PING:
                return Input.PING;
            case PONG:
                return Input.PONG;
            case CLOSE:
                ByteBuffer payload = decoder.controlPayload();
                closePayload = new byte[payload.remaining()];
                payload.get(closePayload);
                return Input.CLOSE;
            default:
                return Input.NEED_MORE;
        }
    }

    @Override
    Frame pongPayload() {
        ByteBuffer payload = decoder.controlPayload();
        byte[] copy = new byte[payload.remaining()];
        payload.get(copy);
        return new Frame(copy, 0);
    }

    @Override
    void loadClose() {
        // RFC 6455 5.5.1: the answer echoes the status code the peer sent, if any.
        int length = closePayload.length >= 2 ? 2 : 0;
        encoder.loadControl(WsFrameDecoder.OPCODE_CLOSE, closePayload, 0, length);
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
        if (pong) {
            encoder.loadControl(WsFrameDecoder.OPCODE_PONG, command.array(), command.offset(), command.size());
        } else {
            // libzmq's ws pings carry nothing: the TTL of a ZMTP PING has no place in a WebSocket ping.
            encoder.loadControl(WsFrameDecoder.OPCODE_PING, NO_PAYLOAD, 0, 0);
        }
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
