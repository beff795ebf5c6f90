package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * zmq4j's draft types with libzmq's, the draft build of libzmq 4.3.5 inside npm's zeromq 6.8.0 (Debian's libzmq
 * 4.3.4 cannot serve: its draft type names are compiled out), over tcp and ws, each side binding in turn: a zmq4j
 * SERVER answering a zeromq.js CLIENT by routing id, a zmq4j CLIENT asking a zeromq.js SERVER, and SCATTER/GATHER
 * both ways, in order and complete. (zeromq.js has no PEER or CHANNEL.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DraftZeromqJsInteropTest extends ZeromqJsFixture {
    private static final int REQUESTS = 200;

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ws://127.0.0.1:*/draft"})
    void shouldAnswerAZeromqJsClientFromABoundServer(String bindEndpoint) {
        Socket server = ZmqTestSupport.socket(context, SocketType.SERVER);
        server.bind(bindEndpoint);
        try (PeerProcess peer = NodePeer.connected(
                NodePeer.Library.ZEROMQ,
                "client-client",
                server.lastEndpoint(),
                "--count",
                Integer.toString(REQUESTS))) {
            for (int i = 0; i < REQUESTS; i++) {
                Message request = ZmqTestSupport.receiveMessage(server, "request " + i, peer::diagnostics);
                assertThat(request.routingId()).isNotZero();
                assertThat(request.get(0)).isEqualTo(Traffic.payload(i));
                assertThat(server.send(Message.of(request.get(0)).routingId(request.routingId())))
                        .isTrue();
            }
            peer.awaitSuccess();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ws://127.0.0.1:*/draft"})
    void shouldGetRepliesFromABoundZeromqJsServer(String bindEndpoint) {
        try (PeerProcess peer = NodePeer.bound(
                NodePeer.Library.ZEROMQ, "server-echo", bindEndpoint, "--count", Integer.toString(REQUESTS))) {
            Socket client = ZmqTestSupport.socket(context, SocketType.CLIENT);
            client.connect(peer.endpoint());
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(client.send("request " + i)).isTrue();
                Message reply = ZmqTestSupport.receiveMessage(client, "reply " + i, peer::diagnostics);
                assertThat(reply.getString(0)).isEqualTo("request " + i);
            }
            peer.awaitSuccess();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ws://127.0.0.1:*/draft"})
    void shouldGatherWhatAZeromqJsScatterSends(String bindEndpoint) {
        Socket gather = ZmqTestSupport.socket(context, SocketType.GATHER);
        gather.bind(bindEndpoint);
        try (PeerProcess peer = NodePeer.connected(
                NodePeer.Library.ZEROMQ, "scatter", gather.lastEndpoint(), "--count", Integer.toString(REQUESTS))) {
            for (int i = 0; i < REQUESTS; i++) {
                Message message = ZmqTestSupport.receiveMessage(gather, "message " + i, peer::diagnostics);
                assertThat(message.get(0)).as("message %d, in order", i).isEqualTo(Traffic.payload(i));
            }
            peer.awaitSuccess();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ws://127.0.0.1:*/draft"})
    void shouldScatterToABoundZeromqJsGather(String bindEndpoint) {
        try (PeerProcess peer = NodePeer.bound(
                NodePeer.Library.ZEROMQ, "gather", bindEndpoint, "--count", Integer.toString(REQUESTS))) {
            Socket scatter = ZmqTestSupport.socket(context, SocketType.SCATTER);
            scatter.connect(peer.endpoint());
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(scatter.send(Traffic.payload(i))).isTrue();
            }
            peer.awaitSuccess();
        }
    }
}
