package dev.zmq4j.protocol.ws;

import dev.zmq4j.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server's side of the WebSocket opening handshake for ZWS 2.0 (RFC 6455 section 4.2, 45/ZWS): reads the
 * client's upgrade request, checks it, picks the subprotocol and gives the bytes to answer with, either a 101 that
 * switches to WebSocket framing or an HTTP error after which the connection is closed.
 *
 * <p>The subprotocol is the first one the client offers that matches our mechanism, as libzmq picks it:
 * {@code ZWS2.0/NULL}, {@code ZWS2.0/PLAIN} or {@code ZWS2.0/CURVE}, and for NULL also plain {@code ZWS2.0} (no
 * mechanism: each side's first message is its routing id, as jszmq speaks it). A request that is not a WebSocket
 * upgrade gets 400, a version other than 13 gets 426 naming 13, no matching subprotocol gets 400; the reason is kept
 * for the log and the monitor.
 *
 * <p>Not thread-safe: one per connection, on its I/O thread.
 */
public final class WsServerHandshake {
    private final String mechanism;
    private final HttpHead head = new HttpHead();
    private boolean complete;
    private byte[] response;
    private String protocol;
    private String path;
    private String refusal;

    /** @param mechanism our socket's mechanism name: "NULL", "PLAIN" or "CURVE" */
    public WsServerHandshake(String mechanism) {
        this.mechanism = mechanism;
    }

    /**
     * Takes request bytes from {@code in}, never past the request's end; true once the request is complete (or bad
     * beyond repair) and {@link #response()} is ready.
     */
    public boolean receive(ByteBuffer in) {
        if (complete) {
            return true;
        }
        try {
            if (!head.receive(in)) {
                return false;
            }
            check();
        } catch (Refusal e) {
            refuse(e.status, e.getMessage(), e.extraField);
        } catch (ProtocolException e) {
            refuse("400 Bad Request", e.getMessage(), null);
        }
        complete = true;
        return true;
    }

    private void check() throws Refusal {
        String[] start = head.startLine().split(" ", -1);
        if (start.length != 3 || !start[2].equals("HTTP/1.1")) {
            throw new Refusal("400 Bad Request", "not an HTTP/1.1 request line: " + abbreviated(head.startLine()));
        }
        if (!start[0].equals("GET")) {
            throw new Refusal("405 Method Not Allowed", "a WebSocket upgrade is a GET, not " + abbreviated(start[0]));
        }
        path = start[1];
        if (!head.fieldHasToken("Upgrade", "websocket") || !head.fieldHasToken("Connection", "Upgrade")) {
            throw new Refusal("400 Bad Request", "not a WebSocket upgrade request");
        }
        if (!"13".equals(head.field("Sec-WebSocket-Version"))) {
            throw new Refusal(
                    "426 Upgrade Required",
                    "WebSocket version " + abbreviated(String.valueOf(head.field("Sec-WebSocket-Version")))
                            + ", not 13",
                    "Sec-WebSocket-Version: 13");
        }
        String key = head.field("Sec-WebSocket-Key");
        if (!WsAccept.isValidKey(key)) {
            throw new Refusal("400 Bad Request", "no valid Sec-WebSocket-Key");
        }
        protocol = choose();
        if (protocol == null) {
            throw new Refusal(
                    "400 Bad Request",
                    "no offered subprotocol matches " + mechanism + " (offered: "
                            + abbreviated(String.join(",", head.listField("Sec-WebSocket-Protocol"))) + ")");
        }
        response = ("HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + WsAccept.of(key) + "\r\n"
                        + "Sec-WebSocket-Protocol: " + protocol + "\r\n"
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private String choose() {
        for (String offered : head.listField("Sec-WebSocket-Protocol")) {
            if (offered.equals(WsProtocols.forMechanism(mechanism))
                    || (offered.equals(WsProtocols.NO_MECHANISM) && mechanism.equals("NULL"))) {
                return offered;
            }
        }
        return null;
    }

    private void refuse(String status, String reason, String extraField) {
        refusal = reason;
        response = ("HTTP/1.1 " + status + "\r\n"
                        + (extraField != null ? extraField + "\r\n" : "")
                        + "Connection: close\r\n"
                        + "Content-Length: 0\r\n"
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** What to answer: a 101, or an error to send before closing. Only once {@link #receive} returned true. */
    public byte[] response() {
        return response;
    }

    /** Whether the upgrade was accepted; only once complete. */
    public boolean accepted() {
        return complete && refusal == null;
    }

    /** Why the request was refused, or null. */
    public String refusal() {
        return refusal;
    }

    /** The chosen subprotocol; only once accepted. */
    public String protocol() {
        return protocol;
    }

    /** Whether the chosen subprotocol names no mechanism (plain ZWS2.0: routing ids first, no ZMTP handshake). */
    public boolean withoutMechanism() {
        return WsProtocols.NO_MECHANISM.equals(protocol);
    }

    /** The request's path, e.g. "/prices"; null when the request line was bad. */
    public String path() {
        return path;
    }

    /** A peer's text in our messages: no longer than a line of log, so a hostile request cannot flood it. */
    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    /** A refused request: the HTTP status to answer and why. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final String status;
        private final String extraField;

        Refusal(String status, String reason) {
            this(status, reason, null);
        }

        Refusal(String status, String reason, String extraField) {
            super(reason, null, false, false);
            this.status = status;
            this.extraField = extraField;
        }
    }
}
