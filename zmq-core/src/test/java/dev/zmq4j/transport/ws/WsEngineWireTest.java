package dev.zmq4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ZmqTestSupport;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.ws.HttpHead;
import dev.zmq4j.protocol.ws.RawWsPeer;
import dev.zmq4j.protocol.ws.WsClientHandshake;
import dev.zmq4j.protocol.ws.WsFrameDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ws engine byte for byte, against a hand-driven WebSocket end: WebSocket pings and pongs for heartbeats, the
 * close handshake, rejected frames and requests (each losing only its own connection), plain {@code ZWS2.0} with
 * routing ids first, and the upgrade request a zmq4j client sends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WsEngineWireTest {
    private static final int TIMEOUT_MS = 10_000;
    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    @Test
    void shouldPingWithWebSocketPingsAndAnswerPingsWithPongs() throws Exception {
        dev.zmq4j.Socket rep = ZmqTestSupport.socket(context, SocketType.REP);
        rep.set(SocketOption.HEARTBEAT_IVL, 50);
        rep.bind("ws://127.0.0.1:*/hb");
        try (Socket socket = open(rep.lastEndpoint())) {
            RawWsPeer peer = upgraded(socket, "/hb", "REQ");
            Frame ping = peer.receiveAny();
            assertThat(peer.lastResult()).isEqualTo(WsFrameDecoder.Result.PING);
            assertThat(ping.size()).as("libzmq's ws pings carry nothing").isZero();

            peer.sendControl(WsFrameDecoder.OPCODE_PING, "abc".getBytes(StandardCharsets.US_ASCII));
            Frame pong;
            do {
                pong = peer.receiveAny();
            } while (peer.lastResult() == WsFrameDecoder.Result.PING);
            assertThat(peer.lastResult()).isEqualTo(WsFrameDecoder.Result.PONG);
            assertThat(new String(pong.array(), pong.offset(), pong.size(), StandardCharsets.US_ASCII))
                    .isEqualTo("abc");
        }
    }

    @Test
    void shouldAnswerACloseFrameAndThenClose() throws Exception {
        dev.zmq4j.Socket rep = ZmqTestSupport.socket(context, SocketType.REP);
        rep.bind("ws://127.0.0.1:*");
        try (Socket socket = open(rep.lastEndpoint())) {
            RawWsPeer peer = upgraded(socket, "/", "REQ");
            peer.sendControl(WsFrameDecoder.OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});
            Frame answer = peer.receiveAny();
            assertThat(peer.lastResult()).isEqualTo(WsFrameDecoder.Result.CLOSE);
            assertThat(answer.size()).isEqualTo(2);
            assertThat(answer.array()[answer.offset()]).isEqualTo((byte) 0x03);
            assertThat(answer.array()[answer.offset() + 1]).isEqualTo((byte) 0xE8);
            assertThat(peer.closedByPeer()).isTrue();
        }
        assertServesAnotherClient(rep);
    }

    @Test
    void shouldCloseOnATextFrameAndServeOthers() throws Exception {
        dev.zmq4j.Socket rep = ZmqTestSupport.socket(context, SocketType.REP);
        rep.bind("ws://127.0.0.1:*");
        try (Socket socket = open(rep.lastEndpoint())) {
            RawWsPeer peer = upgraded(socket, "/", "REQ");
            // FIN + text, masked with a zero key, payload "hi".
            peer.write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'});
            assertThat(peer.closedByPeer()).isTrue();
        }
        assertServesAnotherClient(rep);
    }

    @Test
    void shouldAnswerABadUpgradeRequestWithAnHttpErrorAndClose() throws Exception {
        dev.zmq4j.Socket rep = ZmqTestSupport.socket(context, SocketType.REP);
        rep.bind("ws://127.0.0.1:*/api");
        try (Socket socket = open(rep.lastEndpoint())) {
            socket.getOutputStream()
                    .write("GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close");
        }
        assertServesAnotherClient(rep);
    }

    @Test
    void shouldSpeakPlainZws20WithRoutingIdsFirst() throws Exception {
        dev.zmq4j.Socket router = ZmqTestSupport.socket(context, SocketType.ROUTER);
        router.set(SocketOption.ROUTING_ID, "zmq4j-router".getBytes(StandardCharsets.US_ASCII));
        router.bind("ws://127.0.0.1:*/plain");
        try (Socket socket = open(router.lastEndpoint())) {
            RawWsPeer peer = plainUpgraded(socket, "/plain");
            Frame routingId = peer.receive();
            assertThat(routingId.isCommand()).isFalse();
            assertThat(text(routingId)).isEqualTo("zmq4j-router");
            peer.send(new Frame("js-client".getBytes(StandardCharsets.US_ASCII), 0));
            peer.send(new Frame("hello".getBytes(StandardCharsets.US_ASCII), 0));

            Message received = ZmqTestSupport.receiveMessage(router, "the plain ZWS2.0 client's message", () -> "");
            assertThat(new String(received.get(0), StandardCharsets.US_ASCII)).isEqualTo("js-client");
            assertThat(new String(received.get(1), StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(router.send(received)).isTrue();
            assertThat(text(peer.receive())).isEqualTo("hello");
        }
    }

    /** libzmq 4.3.4 aborts (assert _mechanism) when it would ping a plain ZWS2.0 peer; zmq4j pings it as any other. */
    @Test
    void shouldPingAPlainZws20PeerWithWebSocketPings() throws Exception {
        dev.zmq4j.Socket router = ZmqTestSupport.socket(context, SocketType.ROUTER);
        router.set(SocketOption.HEARTBEAT_IVL, 50);
        router.bind("ws://127.0.0.1:*/plain-hb");
        try (Socket socket = open(router.lastEndpoint())) {
            RawWsPeer peer = plainUpgraded(socket, "/plain-hb");
            peer.receive(); // its routing id
            peer.send(new Frame("js-client".getBytes(StandardCharsets.US_ASCII), 0));
            peer.receiveAny();
            assertThat(peer.lastResult()).isEqualTo(WsFrameDecoder.Result.PING);
            peer.sendControl(WsFrameDecoder.OPCODE_PONG, new byte[0]);
            peer.send(new Frame("after the ping".getBytes(StandardCharsets.US_ASCII), 0));
            Message received = ZmqTestSupport.receiveMessage(router, "a message after the heartbeat", () -> "");
            assertThat(new String(received.get(1), StandardCharsets.US_ASCII)).isEqualTo("after the ping");
        }
    }

    @Test
    void shouldSendLibzmqsUpgradeRequestAndRetryWhenRefused() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MS);
            dev.zmq4j.Socket dealer = ZmqTestSupport.socket(context, SocketType.DEALER);
            dealer.set(SocketOption.RECONNECT_IVL, 20);
            dealer.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/quotes");
            for (int attempt = 0; attempt < 2; attempt++) {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(TIMEOUT_MS);
                    RawWsPeer peer = new RawWsPeer(socket, false);
                    HttpHead request = new HttpHead();
                    while (!request.receive(peer.input())) {
                        peer.fill();
                    }
                    assertThat(request.startLine()).isEqualTo("GET /quotes HTTP/1.1");
                    assertThat(request.field("Host")).isEqualTo("127.0.0.1");
                    assertThat(request.field("Sec-WebSocket-Protocol")).isEqualTo("ZWS2.0/NULL,ZWS2.0");
                    assertThat(request.field("Sec-WebSocket-Version")).isEqualTo("13");
                    peer.write(
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(peer.closedByPeer())
                            .as("a refused upgrade closes the connection")
                            .isTrue();
                }
            }
        }
    }

    /** A good client still gets its request answered: the bad connection lost only itself. */
    private static void assertServesAnotherClient(dev.zmq4j.Socket rep) throws IOException, ProtocolException {
        try (Socket socket = open(rep.lastEndpoint())) {
            RawWsPeer peer = upgraded(socket, URI.create(rep.lastEndpoint()).getPath(), "REQ");
            peer.send(new Frame(new byte[0], Frame.MORE));
            peer.send(new Frame("still there?".getBytes(StandardCharsets.US_ASCII), 0));
            byte[] request = rep.recv();
            assertThat(request).isEqualTo("still there?".getBytes(StandardCharsets.US_ASCII));
            assertThat(rep.send("yes")).isTrue();
            assertThat(peer.receive().size()).isZero();
            assertThat(text(peer.receive())).isEqualTo("yes");
        }
    }

    private static Socket open(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    /** The WebSocket upgrade offering plain {@code ZWS2.0} alone, as jszmq and browsers do; the answer checked. */
    private static RawWsPeer plainUpgraded(Socket socket, String path) throws IOException, ProtocolException {
        RawWsPeer peer = new RawWsPeer(socket, true);
        peer.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: ZWS2.0\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        HttpHead response = new HttpHead();
        while (!response.receive(peer.input())) {
            peer.fill();
        }
        assertThat(response.startLine()).startsWith("HTTP/1.1 101");
        assertThat(response.field("Sec-WebSocket-Protocol")).isEqualTo("ZWS2.0");
        assertThat(response.field("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        return peer;
    }

    /** The WebSocket upgrade and the NULL handshake, as a {@code socketType} client. */
    private static RawWsPeer upgraded(Socket socket, String path, String socketType)
            throws IOException, ProtocolException {
        RawWsPeer peer = new RawWsPeer(socket, true);
        WsClientHandshake handshake = new WsClientHandshake("127.0.0.1", path, "NULL");
        peer.write(handshake.request());
        while (!handshake.receive(peer.input())) {
            peer.fill();
        }
        assertThat(handshake.protocol()).isEqualTo("ZWS2.0/NULL");
        peer.send(ZmtpCommands.ready(new Metadata().put(Metadata.SOCKET_TYPE, socketType)));
        Frame ready = peer.receive();
        assertThat(ZmtpCommands.is(ready, ZmtpCommands.READY)).isTrue();
        return peer;
    }

    private static String text(Frame frame) {
        return new String(frame.array(), frame.offset(), frame.size(), StandardCharsets.US_ASCII);
    }
}
