package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One ZAP exchange (27/ZAP) on behalf of a mechanism: the request, and the checks libzmq applies to the reply.
 *
 * <pre>
 *  request:  "" | "1.0" | request id "1" | domain | peer address | our routing id | mechanism | credentials...
 *  reply:    "" | "1.0" | request id     | status | status text  | user id        | metadata
 * </pre>
 *
 * <p>As libzmq: the request id is always "1"; the routing-id frame is the server socket's own ROUTING_ID (the
 * peer's is not known yet); the reply must have exactly seven frames, version "1.0", the same request id, a status
 * of exactly "200", "300", "400" or "500" and metadata that parses, or the handshake fails with
 * HANDSHAKE_FAILED_PROTOCOL and the matching ZMQ_PROTOCOL_ERROR_ZAP_* code. A reply that never comes leaves the
 * handshake to HANDSHAKE_IVL or to the peer's patience.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class ZapClient {
    private static final byte[] VERSION = "1.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST_ID = "1".getBytes(StandardCharsets.US_ASCII);
    private static final int REPLY_FRAMES = 7;

    private final ZapChannel channel;
    private final String domain;
    private final String peerAddress;
    private final byte[] routingId;
    private final Frame view = new Frame();

    private String status;
    private String statusText;
    private byte[] userId;
    private Metadata metadata;

    public ZapClient(ZapChannel channel, String domain, String peerAddress, byte[] routingId) {
        this.channel = channel;
        this.domain = domain;
        this.peerAddress = peerAddress;
        this.routingId = routingId;
    }

    /** Connects to the handler; false when none is bound. */
    public boolean connect() {
        return channel.open();
    }

    /** Sends the request for a peer using {@code mechanism} with these credentials (none for NULL). */
    public void sendRequest(String mechanism, byte[]... credentials) {
        send(new byte[0], true);
        send(VERSION, true);
        send(REQUEST_ID, true);
        send(domain.getBytes(StandardCharsets.UTF_8), true);
        send(peerAddress.getBytes(StandardCharsets.UTF_8), true);
        send(routingId, true);
        send(mechanism.getBytes(StandardCharsets.US_ASCII), credentials.length > 0);
        for (int i = 0; i < credentials.length; i++) {
            send(credentials[i], i < credentials.length - 1);
        }
    }

    private void send(byte[] data, boolean more) {
        channel.send(new Frame(data, more ? Frame.MORE : 0));
    }

    /**
     * Reads and checks the reply; false when it has not arrived yet. Once it is in, the channel is closed.
     *
     * @throws ProtocolException for a reply libzmq would refuse (its ZMQ_PROTOCOL_ERROR_ZAP_* code attached)
     */
    public boolean receiveReply() throws ProtocolException {
        if (!channel.receive(view)) {
            return false;
        }
        try {
            for (int i = 0; i < REPLY_FRAMES; i++) {
                if (i > 0 && !channel.receive(view)) {
                    throw malformed("the ZAP reply has " + i + " frames, not " + REPLY_FRAMES);
                }
                boolean last = i == REPLY_FRAMES - 1;
                if (view.hasMore() == last) {
                    throw malformed(
                            last
                                    ? "the ZAP reply has more than " + REPLY_FRAMES + " frames"
                                    : "the ZAP reply has " + (i + 1) + " frames, not " + REPLY_FRAMES);
                }
                takeFrame(i);
            }
        } finally {
            channel.close();
        }
        return true;
    }

    private void takeFrame(int index) throws ProtocolException {
        switch (index) {
            case 0:
                if (view.size() != 0) {
                    throw malformed("the ZAP reply does not start with an empty delimiter frame");
                }
                break;
            case 1:
                if (!view.contentEquals(VERSION)) {
                    throw new ProtocolException(
                            "the ZAP reply has version " + text() + ", not 1.0",
                            SocketEvent.PROTOCOL_ERROR_ZAP_BAD_VERSION);
                }
                break;
            case 2:
                if (!view.contentEquals(REQUEST_ID)) {
                    throw new ProtocolException(
                            "the ZAP reply answers request " + text() + ", not 1",
                            SocketEvent.PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID);
                }
                break;
            case 3:
                String code = text();
                if (!code.equals("200") && !code.equals("300") && !code.equals("400") && !code.equals("500")) {
                    throw new ProtocolException(
                            "the ZAP reply has status " + code + ", not 200, 300, 400 or 500",
                            SocketEvent.PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE);
                }
                status = code;
                break;
            case 4:
                statusText = text();
                break;
            case 5:
                userId = view.data().clone();
                break;
            default:
                try {
                    metadata = Metadata.parse(view.array(), view.offset(), view.size());
                } catch (ProtocolException e) {
                    throw new ProtocolException(
                            "the ZAP reply's metadata does not parse: " + e.getMessage(),
                            SocketEvent.PROTOCOL_ERROR_ZAP_INVALID_METADATA);
                }
                break;
        }
    }

    private String text() {
        return new String(view.array(), view.offset(), view.size(), StandardCharsets.UTF_8);
    }

    private static ProtocolException malformed(String reason) {
        return new ProtocolException(reason, SocketEvent.PROTOCOL_ERROR_ZAP_MALFORMED_REPLY);
    }

    /** Whether the handler let the peer in; once the reply is in. */
    public boolean accepted() {
        return "200".equals(status);
    }

    /** The reply's status code: "200", "300", "400" or "500"; once the reply is in. */
    public String status() {
        return status;
    }

    /**
     * What a refusal means for the handshake: HANDSHAKE_FAILED_AUTH with the status, as libzmq raises it on the
     * server's side.
     */
    public HandshakeFailure refusal() {
        return new HandshakeFailure(
                "the ZAP handler refused the peer: " + status + " " + statusText,
                SocketEvent.Type.HANDSHAKE_FAILED_AUTH,
                Integer.parseInt(status));
    }

    /** The properties the handler gave the peer: its User-Id and the reply's metadata. */
    public void addPropertiesTo(Properties.Builder properties) {
        if (userId != null) {
            // Even when empty, as libzmq: the peer went through ZAP.
            properties.put(Properties.USER_ID, userId);
        }
        if (metadata != null) {
            for (String name : metadata.names()) {
                properties.put(name, metadata.get(name));
            }
        }
    }

    /** Forgets what the reply said; the connection is gone. */
    public void destroy() {
        channel.close();
        if (userId != null) {
            Arrays.fill(userId, (byte) 0);
        }
    }
}
