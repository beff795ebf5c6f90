package dev.zmq4j.protocol.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The ZWS 2.0 opening handshake of each side, bytes in and bytes out, with libzmq's request and RFC 6455's example. */
class WsHandshakeTest {
    /** RFC 6455 section 1.3's key; the answer below is the RFC's too. */
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** A libzmq 4.3.4 ws client's request for /path (WS-AND-DRAFT-REFERENCE, golden bytes), with the RFC's key. */
    private static String libzmqRequest(String protocols) {
        return "GET /path HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + RFC_KEY + "\r\n"
                + "Sec-WebSocket-Protocol: " + protocols + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldAcceptLibzmqsRequestByteByByteAndLeaveTheFirstFrameInTheBuffer() {
        byte[] request = libzmqRequest("ZWS2.0/NULL,ZWS2.0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.allocate(request.length + 2);
        in.put(request).put((byte) 0x82).put((byte) 0xaa).flip();
        WsServerHandshake server = new WsServerHandshake("NULL");
        for (int end = 1; end <= request.length; end++) {
            in.limit(end);
            assertThat(server.receive(in)).isEqualTo(end == request.length);
        }
        in.limit(in.capacity());
        assertThat(in.remaining())
                .as("the frame after the request is left where it is")
                .isEqualTo(2);
        assertThat(server.accepted()).isTrue();
        assertThat(server.protocol()).isEqualTo("ZWS2.0/NULL");
        assertThat(server.withoutMechanism()).isFalse();
        assertThat(server.path()).isEqualTo("/path");
        assertThat(text(server.response()))
                .startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n")
                .contains("Sec-WebSocket-Protocol: ZWS2.0/NULL\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void shouldChooseTheFirstOfferMatchingItsMechanism() {
        WsServerHandshake jszmq = new WsServerHandshake("NULL");
        jszmq.receive(ascii(libzmqRequest("ZWS2.0")));
        assertThat(jszmq.protocol()).isEqualTo("ZWS2.0");
        assertThat(jszmq.withoutMechanism()).isTrue();

        WsServerHandshake curve = new WsServerHandshake("CURVE");
        curve.receive(ascii(libzmqRequest("ZWS2.0/NULL, ZWS2.0/CURVE")));
        assertThat(curve.protocol()).isEqualTo("ZWS2.0/CURVE");

        WsServerHandshake plain = new WsServerHandshake("PLAIN");
        plain.receive(ascii(libzmqRequest("ZWS2.0")));
        assertThat(plain.accepted()).isFalse();
        assertThat(plain.refusal()).contains("no offered subprotocol matches PLAIN");
        assertThat(text(plain.response())).startsWith("HTTP/1.1 400 Bad Request\r\n");
    }

    @Test
    void shouldRefuseWhatIsNotAWebSocketUpgradeWithAnHttpError() {
        assertRefused(libzmqRequest("ZWS2.0/NULL").replace("GET", "POST"), "405 Method Not Allowed", "a GET");
        assertRefused(libzmqRequest("ZWS2.0/NULL").replace("HTTP/1.1", "HTTP/1.0"), "400 Bad Request", "HTTP/1.1");
        assertRefused(libzmqRequest("ZWS2.0/NULL").replace("Upgrade: websocket\r\n", ""), "400", "not a WebSocket");
        assertRefused(
                libzmqRequest("ZWS2.0/NULL").replace("Connection: Upgrade", "Connection: keep-alive"), "400", "not");
        assertRefused(libzmqRequest("ZWS2.0/NULL").replace("Version: 13", "Version: 8"), "426", "version 8");
        assertThat(text(refused(libzmqRequest("ZWS2.0/NULL").replace("Version: 13", "Version: 8"))
                        .response()))
                .contains("Sec-WebSocket-Version: 13\r\n");
        assertRefused(libzmqRequest("ZWS2.0/NULL").replace(RFC_KEY, "c2hvcnQ="), "400", "Sec-WebSocket-Key");
        assertRefused(
                "GET / HTTP/1.1\r\nHost: x\r\n" + "X: " + "y".repeat(HttpHead.MAX_SIZE) + "\r\n\r\n", "400", "longer");
        assertRefused("GET / HTTP/1.1\r\nHost: \u00e9\r\n\r\n", "400", "printable");
        assertRefused("GET / HTTP/1.1\r\nno colon here\r\n\r\n", "400", "malformed");
        assertRefused("GET / HTTP/1.1\rHost: x\r\n\r\n", "400", "CRLF");
    }

    private static WsServerHandshake refused(String request) {
        WsServerHandshake server = new WsServerHandshake("NULL");
        ByteBuffer in = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(server.receive(in))
                .as("complete: %s", request.lines().findFirst().orElse(""))
                .isTrue();
        assertThat(server.accepted()).isFalse();
        return server;
    }

    private static void assertRefused(String request, String status, String reason) {
        WsServerHandshake server = refused(request);
        assertThat(server.refusal()).contains(reason);
        assertThat(text(server.response()))
                .startsWith("HTTP/1.1 " + status)
                .contains("Connection: close\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void shouldShakeHandsWithItselfForEveryMechanism() throws ProtocolException {
        for (String mechanism : new String[] {"NULL", "PLAIN", "CURVE"}) {
            WsClientHandshake client = new WsClientHandshake("127.0.0.1", "/prices", mechanism);
            String request = text(client.request());
            assertThat(request)
                    .startsWith("GET /prices HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    .contains("Sec-WebSocket-Protocol: "
                            + (mechanism.equals("NULL") ? "ZWS2.0/NULL,ZWS2.0" : "ZWS2.0/" + mechanism) + "\r\n")
                    .contains("Sec-WebSocket-Version: 13\r\n")
                    .doesNotContain("Origin");
            WsServerHandshake server = new WsServerHandshake(mechanism);
            assertThat(server.receive(ByteBuffer.wrap(client.request()))).isTrue();
            assertThat(server.accepted()).as(server.refusal()).isTrue();
            assertThat(client.receive(ByteBuffer.wrap(server.response()))).isTrue();
            assertThat(client.protocol()).isEqualTo("ZWS2.0/" + mechanism);
        }
    }

    @Test
    void shouldRefuseAServerAnswerThatIsNotOurUpgrade() {
        assertClientRefuses(good -> good.replace("101 Switching Protocols", "404 Not Found"), "refused the WebSocket");
        assertClientRefuses(
                good -> good.replaceAll("Sec-WebSocket-Accept: [^\r]*", "Sec-WebSocket-Accept: " + RFC_ACCEPT),
                "does not answer our key");
        assertClientRefuses(good -> good.replace("ZWS2.0/NULL", "ZWS2.0/CURVE"), "we offered ZWS2.0/NULL,ZWS2.0");
        assertClientRefuses(good -> good.replace("Upgrade: websocket\r\n", ""), "does not upgrade");
    }

    /** A client given the answer a real server gives it, spoilt by {@code spoil}, must refuse it. */
    private static void assertClientRefuses(UnaryOperator<String> spoil, String reason) {
        WsClientHandshake client = new WsClientHandshake("127.0.0.1", "/", "NULL");
        WsServerHandshake server = new WsServerHandshake("NULL");
        server.receive(ByteBuffer.wrap(client.request()));
        String spoilt = spoil.apply(text(server.response()));
        assertThatThrownBy(() -> client.receive(ascii(spoilt)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(reason);
    }
}
