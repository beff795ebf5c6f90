package dev.zmq4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ws://} between zmq4j sockets: each pattern, large frames, endpoints as libzmq prints them, bad endpoints. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WsTransportTest {
    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    private Socket socket(SocketType type) {
        return ZmqTestSupport.socket(context, type);
    }

    @Test
    void shouldBindAnEphemeralPortAndGiveItWithThePath() {
        Socket rep = socket(SocketType.REP);
        rep.bind("ws://127.0.0.1:*/prices");
        assertThat(rep.lastEndpoint()).matches("ws://127\\.0\\.0\\.1:[1-9][0-9]*/prices");
        Socket other = socket(SocketType.REP);
        other.bind("ws://127.0.0.1:*");
        assertThat(other.lastEndpoint()).matches("ws://127\\.0\\.0\\.1:[1-9][0-9]*/");
    }

    @Test
    void shouldRefuseASecondBindOfTheSamePortWhateverThePath() {
        Socket first = socket(SocketType.REP);
        first.bind("ws://127.0.0.1:*/a");
        String port = first.lastEndpoint().replaceAll(".*:([0-9]+)/a", "$1");
        Socket second = socket(SocketType.REP);
        assertThatThrownBy(() -> second.bind("ws://127.0.0.1:" + port + "/b"))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EADDRINUSE));
    }

    @Test
    void shouldRefuseBadEndpoints() {
        Socket req = socket(SocketType.REQ);
        assertThatThrownBy(() -> req.connect("ws://127.0.0.1/path"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("invalid ws endpoint");
        assertThatThrownBy(() -> req.connect("ws://127.0.0.1:*/path"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("wildcard port");
        assertThatThrownBy(() -> req.connect("ws://127.0.0.1:5555/with space"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("visible ASCII");
        Socket stream = socket(SocketType.STREAM);
        assertThatThrownBy(() -> stream.bind("ws://127.0.0.1:*"))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENOCOMPATPROTO));
    }

    @Test
    void shouldRoundTripRequestsWhicheverSideBinds() {
        for (boolean repBinds : new boolean[] {true, false}) {
            Socket rep = socket(SocketType.REP);
            Socket req = socket(SocketType.REQ);
            connectPair(repBinds ? rep : req, repBinds ? req : rep, "/rr");
            for (int i = 0; i < 100; i++) {
                assertThat(req.send("request " + i)).isTrue();
                byte[] request = rep.recv();
                assertThat(request).as("request %d", i).isNotNull();
                assertThat(rep.send(request)).isTrue();
                assertThat(req.recvString()).isEqualTo("request " + i);
            }
            rep.close();
            req.close();
        }
    }

    @Test
    void shouldCarryMultipartAndLargeFramesBothWays() {
        Socket router = socket(SocketType.ROUTER);
        Socket dealer = socket(SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, "dealer-1".getBytes());
        connectPair(router, dealer, "/large");
        // Every WebSocket length form: 7-bit, 16-bit and 64-bit, and a body bigger than any buffer.
        for (int size : new int[] {0, 1, 124, 125, 126, 65_535, 65_536, 3_000_000}) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) (size % 251));
            assertThat(dealer.send(Message.of("head".getBytes(), body))).isTrue();
            Message received = ZmqTestSupport.receiveMessage(router, "message of " + size, () -> "");
            assertThat(received.size()).isEqualTo(3);
            assertThat(received.get(0)).isEqualTo("dealer-1".getBytes());
            assertThat(received.get(2)).isEqualTo(body);
            assertThat(router.send(received)).isTrue();
            Message echoed = ZmqTestSupport.receiveMessage(dealer, "echo of " + size, () -> "");
            assertThat(echoed.get(1)).isEqualTo(body);
        }
    }

    @Test
    void shouldDeliverSubscribedTopicsOnly() throws InterruptedException {
        Socket pub = socket(SocketType.PUB);
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.SUBSCRIBE, "prices.".getBytes());
        connectPair(pub, sub, "/ticker");
        // Publish until the subscription has arrived (it travels as a 0x01 message over ws), then check the filter.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        sub.set(SocketOption.RCVTIMEO, 20);
        String first = null;
        while (first == null && System.nanoTime() < deadline) {
            pub.send("news.skip");
            pub.send("prices.first");
            first = sub.recvString();
        }
        assertThat(first).isEqualTo("prices.first");
        sub.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
        pub.send("news.skip");
        pub.send("prices.second");
        String next = sub.recvString();
        while ("prices.first".equals(next)) {
            next = sub.recvString();
        }
        assertThat(next).isEqualTo("prices.second");
    }

    @Test
    void shouldKeepAnIdleConnectionAliveWithWebSocketPings() {
        Socket rep = socket(SocketType.REP);
        Socket req = socket(SocketType.REQ);
        for (Socket s : new Socket[] {rep, req}) {
            s.set(SocketOption.HEARTBEAT_IVL, 20);
            s.set(SocketOption.HEARTBEAT_TIMEOUT, 200);
        }
        connectPair(rep, req, "/hb");
        assertThat(req.send("before")).isTrue();
        assertThat(rep.recvString()).isEqualTo("before");
        assertThat(rep.send("reply")).isTrue();
        assertThat(req.recvString()).isEqualTo("reply");
        assertThat(req.send("after")).isTrue();
        assertThat(rep.recvString()).isEqualTo("after");
    }

    @Test
    void shouldRunCurveOverWs() {
        dev.zmq4j.CurveKeyPair server = dev.zmq4j.CurveKeyPair.generate();
        dev.zmq4j.CurveKeyPair client = dev.zmq4j.CurveKeyPair.generate();
        Socket rep = socket(SocketType.REP);
        rep.set(SocketOption.CURVE_SERVER, true);
        rep.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
        Socket req = socket(SocketType.REQ);
        req.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
        req.set(SocketOption.CURVE_PUBLICKEY, client.publicKey());
        req.set(SocketOption.CURVE_SECRETKEY, client.secretKey());
        connectPair(rep, req, "/curve");
        assertThat(req.send("secret")).isTrue();
        assertThat(rep.recvString()).isEqualTo("secret");
        assertThat(rep.send("answer")).isTrue();
        assertThat(req.recvString()).isEqualTo("answer");
    }

    @Test
    void shouldRaiseTheSocketEventsOfTcp() throws InterruptedException {
        BlockingQueue<SocketEvent> serverEvents = new LinkedBlockingQueue<>();
        BlockingQueue<SocketEvent> clientEvents = new LinkedBlockingQueue<>();
        Socket rep = socket(SocketType.REP);
        rep.addEventListener(serverEvents::add, SocketEvent.ALL);
        rep.bind("ws://127.0.0.1:*/events");
        String endpoint = rep.lastEndpoint();
        Socket req = socket(SocketType.REQ);
        req.addEventListener(clientEvents::add, SocketEvent.ALL);
        req.connect(endpoint);
        assertThat(ZmqTestSupport.awaitEvent(serverEvents, SocketEvent.Type.LISTENING)
                        .endpoint())
                .isEqualTo(endpoint);
        assertThat(ZmqTestSupport.awaitEvent(clientEvents, SocketEvent.Type.CONNECTED)
                        .endpoint())
                .isEqualTo(endpoint);
        assertThat(ZmqTestSupport.awaitEvent(clientEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED)
                        .endpoint())
                .isEqualTo(endpoint);
        assertThat(ZmqTestSupport.awaitEvent(serverEvents, SocketEvent.Type.ACCEPTED))
                .isNotNull();
        assertThat(ZmqTestSupport.awaitEvent(serverEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED))
                .isNotNull();
        req.close();
        assertThat(ZmqTestSupport.awaitEvent(serverEvents, SocketEvent.Type.DISCONNECTED))
                .as("the server's DISCONNECTED once the client has gone")
                .isNotNull();
    }

    private static void connectPair(Socket binder, Socket connecter, String path) {
        binder.bind("ws://127.0.0.1:*" + path);
        connecter.connect(binder.lastEndpoint());
    }
}
