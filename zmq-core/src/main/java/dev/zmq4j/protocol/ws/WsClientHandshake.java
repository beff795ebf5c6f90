package dev.zmq4j.protocol.ws;

import dev.zmq4j.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The client's side of the WebSocket opening handshake for ZWS 2.0 (RFC 6455 section 4.1, 45/ZWS): the upgrade
 * request, as libzmq's ws client writes it (the host without its port, no Origin, the subprotocols of our
 * mechanism: {@code ZWS2.0/NULL,ZWS2.0}, {@code ZWS2.0/PLAIN} or {@code ZWS2.0/CURVE}), then the server's answer,
 * which must be a 101 with the right {@code Sec-WebSocket-Accept} and one of the subprotocols we offered.
 *
 * <p>Not thread-safe: one per connection, on its I/O thread.
 */
public final class WsClientHandshake {
    private final String key = WsAccept.newKey();
    private final String offered;
    private final byte[] request;
    private final HttpHead head = new HttpHead();
    private String protocol;

    /**
     * @param host the host part of the endpoint, as written there
     * @param path the endpoint's path, "/" when it has none
     * @param mechanism our socket's mechanism name: "NULL", "PLAIN" or "CURVE"
     */
    public WsClientHandshake(String host, String path, String mechanism) {
        offered = WsProtocols.offeredBy(mechanism);
        request = ("GET " + path + " HTTP/1.1\r\n"
                        + "Host: " + host + "\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\n"
                        + "Sec-WebSocket-Protocol: " + offered + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n"
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The upgrade request to send first. */
    public byte[] request() {
        return request.clone();
    }

    /**
     * Takes response bytes from {@code in}, never past the response's end; true once the server has switched to
     * WebSocket.
     *
     * @throws ProtocolException for any other answer: an HTTP error, a bad accept key, a subprotocol we did not offer
     */
    public boolean receive(ByteBuffer in) throws ProtocolException {
        if (protocol != null) {
            return true;
        }
        if (!head.receive(in)) {
            return false;
        }
        String status = head.startLine();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new ProtocolException("the server refused the WebSocket upgrade: "
                    + (status.length() <= 64 ? status : status.substring(0, 64) + "..."));
        }
        if (!head.fieldHasToken("Upgrade", "websocket") || !head.fieldHasToken("Connection", "Upgrade")) {
            throw new ProtocolException("the server's 101 does not upgrade to WebSocket");
        }
        if (!WsAccept.of(key).equals(head.field("Sec-WebSocket-Accept"))) {
            throw new ProtocolException("the server's Sec-WebSocket-Accept does not answer our key");
        }
        String chosen = head.field("Sec-WebSocket-Protocol");
        boolean ours = false;
        for (String candidate : offered.split(",")) {
            ours |= candidate.equals(chosen);
        }
        if (!ours) {
            throw new ProtocolException("the server chose subprotocol " + chosen + ", we offered " + offered);
        }
        protocol = chosen;
        return true;
    }

    /** The subprotocol the server chose; only once {@link #receive} returned true. */
    public String protocol() {
        return protocol;
    }

    /** Whether the chosen subprotocol names no mechanism (plain ZWS2.0: routing ids first, no ZMTP handshake). */
    public boolean withoutMechanism() {
        return WsProtocols.NO_MECHANISM.equals(protocol);
    }
}
