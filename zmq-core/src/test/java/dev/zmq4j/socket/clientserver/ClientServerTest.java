package dev.zmq4j.socket.clientserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CLIENT and SERVER as libzmq's draft types behave, over inproc, tcp, ipc and ws: routing ids on received messages
 * and replies addressed by them, single-part messages only, EHOSTUNREACH for a missing or unknown id, round-robin
 * from a CLIENT, polling.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientServerTest {
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

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp", "ipc", "ws"})
    void shouldReplyToTheRoutingIdOfTheRequest(String transport) {
        Socket server = socket(SocketType.SERVER);
        server.bind(ZmqTestSupport.ephemeralEndpoint(transport));
        Socket client = socket(SocketType.CLIENT);
        client.connect(server.lastEndpoint());
        for (int i = 0; i < 10; i++) {
            assertThat(client.send("request " + i)).isTrue();
            Message request = ZmqTestSupport.receiveMessage(server, "request " + i, () -> transport);
            assertThat(request.size()).isEqualTo(1);
            assertThat(request.getString(0)).isEqualTo("request " + i);
            assertThat(request.routingId()).as("the peer's routing id").isNotZero();
            assertThat(server.send(Message.of("reply " + i).routingId(request.routingId())))
                    .isTrue();
            assertThat(client.recvString()).isEqualTo("reply " + i);
        }
    }

    @Test
    void shouldGiveEachPeerItsOwnRoutingIdAndAnswerEachOne() {
        Socket server = socket(SocketType.SERVER);
        server.bind("tcp://127.0.0.1:*");
        Socket[] clients = new Socket[5];
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < clients.length; i++) {
            clients[i] = socket(SocketType.CLIENT);
            clients[i].connect(server.lastEndpoint());
            assertThat(clients[i].send("client " + i)).isTrue();
            Message request = ZmqTestSupport.receiveMessage(server, "client " + i, () -> "");
            assertThat(ids.add(request.routingId()))
                    .as("a new id for client %d", i)
                    .isTrue();
            assertThat(server.send(Message.of("to " + request.getString(0)).routingId(request.routingId())))
                    .isTrue();
        }
        for (int i = 0; i < clients.length; i++) {
            assertThat(clients[i].recvString()).isEqualTo("to client " + i);
        }
    }

    @Test
    void shouldSendRoundRobinToItsServers() {
        Socket first = socket(SocketType.SERVER);
        first.bind("inproc://first");
        Socket second = socket(SocketType.SERVER);
        second.bind("inproc://second");
        Socket client = socket(SocketType.CLIENT);
        client.connect("inproc://first");
        client.connect("inproc://second");
        for (int i = 0; i < 4; i++) {
            assertThat(client.send("m" + i)).isTrue();
        }
        assertThat(first.recvString()).isEqualTo("m0");
        assertThat(second.recvString()).isEqualTo("m1");
        assertThat(first.recvString()).isEqualTo("m2");
        assertThat(second.recvString()).isEqualTo("m3");
    }

    @Test
    void shouldRefuseMultipartMessages() {
        Socket server = socket(SocketType.SERVER);
        server.bind("inproc://single-part");
        Socket client = socket(SocketType.CLIENT);
        client.connect("inproc://single-part");
        assertThatThrownBy(() -> client.send("head", Socket.SNDMORE))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL))
                .hasMessageContaining("single-part");
        assertThatThrownBy(() -> client.send(Message.of("a", "b")))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL));
        assertThat(client.send("alone")).isTrue();
        Message request = ZmqTestSupport.receiveMessage(server, "the single-part message", () -> "");
        assertThatThrownBy(() -> server.send(Message.of("a", "b").routingId(request.routingId())))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL));
    }

    @Test
    void shouldRefuseASendWithoutOrWithAnUnknownRoutingId() {
        Socket server = socket(SocketType.SERVER);
        server.bind("inproc://routing");
        assertThatThrownBy(() -> server.send("no id"))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EHOSTUNREACH))
                .hasMessageContaining("routingId");
        assertThatThrownBy(() -> server.send(Message.of("nobody").routingId(12345)))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EHOSTUNREACH))
                .hasMessageContaining("12345");
    }

    @Test
    void shouldForgetTheIdOfAPeerThatLeft() throws InterruptedException {
        Socket server = socket(SocketType.SERVER);
        java.util.concurrent.BlockingQueue<dev.zmq4j.SocketEvent> events =
                new java.util.concurrent.LinkedBlockingQueue<>();
        server.addEventListener(events::add, dev.zmq4j.SocketEvent.ALL);
        server.bind("tcp://127.0.0.1:*");
        Socket client = socket(SocketType.CLIENT);
        client.connect(server.lastEndpoint());
        client.send("hello");
        int id = ZmqTestSupport.receiveMessage(server, "hello", () -> "").routingId();
        client.close();
        ZmqTestSupport.awaitEvent(events, dev.zmq4j.SocketEvent.Type.DISCONNECTED);
        server.set(dev.zmq4j.SocketOption.SNDTIMEO, 100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ZmqException refused = null;
        int sent = 0;
        int blocked = 0;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                if (server.send(Message.of("late").routingId(id))) {
                    sent++;
                } else {
                    blocked++;
                }
            } catch (ZmqException e) {
                refused = e;
            }
        }
        assertThat(refused)
                .as("EHOSTUNREACH once the peer's pipe is gone, within 10 s (%d sent, %d blocked)", sent, blocked)
                .isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.EHOSTUNREACH);
    }

    @Test
    void shouldBePollable() {
        Socket server = socket(SocketType.SERVER);
        server.bind("inproc://polled");
        Socket client = socket(SocketType.CLIENT);
        client.connect("inproc://polled");
        try (Poller poller = context.poller()) {
            int index = poller.register(server, Poller.POLLIN);
            assertThat(poller.poll(0)).isZero();
            client.send("wake up");
            assertThat(poller.poll(ZmqTestSupport.TIMEOUT_MS)).isEqualTo(1);
            assertThat(poller.isReadable(index)).isTrue();
        }
        assertThat(server.recvString()).isEqualTo("wake up");
    }

    @Test
    void shouldSayItIsThreadSafe() {
        assertThat(SocketType.CLIENT.isThreadSafe()).isTrue();
        assertThat(SocketType.SERVER.isThreadSafe()).isTrue();
        assertThat(SocketType.DEALER.isThreadSafe()).isFalse();
        assertThat(SocketType.CLIENT.isCompatibleWith(SocketType.SERVER)).isTrue();
        assertThat(SocketType.CLIENT.isCompatibleWith(SocketType.ROUTER)).isFalse();
    }
}
