package dev.zmq4j.socket.reqrep;

import static dev.zmq4j.interop.ZmqTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.LibzmqPeer;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONNECT_ROUTING_ID: a ROUTER names the peer of its next connect and can address it at once, as libzmq. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectRoutingIdTest extends ContextFixture {
    private static String endpoint(String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://connect-rid-" + System.nanoTime();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldAddressTheConnectedPeerByTheChosenRoutingId(String transport) {
        Socket dealer = socket(SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, bytes("announced"));
        dealer.bind(endpoint(transport));
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_MANDATORY, true);
        router.set(SocketOption.CONNECT_ROUTING_ID, bytes("chosen"));
        router.connect(dealer.lastEndpoint());

        // Addressable at once: under ROUTER_MANDATORY an unknown id would fail with EHOSTUNREACH.
        assertThat(router.send(Message.of("chosen", "hello"))).isTrue();
        assertThat(dealer.recvString()).isEqualTo("hello");
        dealer.send("back");
        Message reply = router.recvMessage();
        assertThat(reply.getString(0))
                .as("the chosen id, not the announced one")
                .isEqualTo("chosen");
        assertThat(reply.getString(1)).isEqualTo("back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldLetARouterTalkToARouterFirst(String transport) {
        Socket server = socket(SocketType.ROUTER);
        server.bind(endpoint(transport));
        Socket client = socket(SocketType.ROUTER);
        client.set(SocketOption.ROUTING_ID, bytes("client"));
        client.set(SocketOption.ROUTER_MANDATORY, true);
        client.set(SocketOption.CONNECT_ROUTING_ID, bytes("server"));
        client.connect(server.lastEndpoint());

        client.send(Message.of("server", "hi"));
        Message request = server.recvMessage();
        assertThat(request.getString(0)).isEqualTo("client");
        assertThat(request.getString(1)).isEqualTo("hi");
        server.send(Message.of("client", "ho"));
        Message reply = client.recvMessage();
        assertThat(reply.getString(0)).isEqualTo("server");
        assertThat(reply.getString(1)).isEqualTo("ho");
    }

    @Test
    void shouldNameThePeerOfAnImmediateConnectOnceItIsUp() {
        Socket dealer = socket(SocketType.DEALER);
        dealer.bind(endpoint("tcp"));
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.IMMEDIATE, true);
        router.set(SocketOption.CONNECT_ROUTING_ID, bytes("chosen"));
        router.connect(dealer.lastEndpoint());
        // The DEALER's send waits for the connection; the ROUTER's pipe is made only then, by the session.
        dealer.send("up");
        Message message = router.recvMessage();
        assertThat(message.getString(0)).isEqualTo("chosen");
        router.send(Message.of("chosen", "down"));
        assertThat(dealer.recvString()).isEqualTo("down");
    }

    @Test
    void shouldApplyToTheNextConnectOnly() {
        Socket first = socket(SocketType.DEALER);
        first.bind(endpoint("inproc"));
        Socket second = socket(SocketType.DEALER);
        second.set(SocketOption.ROUTING_ID, bytes("second's own"));
        second.bind(endpoint("inproc"));
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.CONNECT_ROUTING_ID, bytes("first"));
        router.connect(first.lastEndpoint());
        router.connect(second.lastEndpoint());
        second.send("from the second");
        assertThat(router.recvMessage().getString(0)).isEqualTo("second's own");
        first.send("from the first");
        assertThat(router.recvMessage().getString(0)).isEqualTo("first");
    }

    @Test
    void shouldRefuseARoutingIdAlreadyInUse() {
        Socket first = socket(SocketType.DEALER);
        first.bind(endpoint("inproc"));
        Socket second = socket(SocketType.DEALER);
        second.bind(endpoint("inproc"));
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.CONNECT_ROUTING_ID, bytes("taken"));
        router.connect(first.lastEndpoint());
        router.set(SocketOption.CONNECT_ROUTING_ID, bytes("taken"));
        assertThatThrownBy(() -> router.connect(second.lastEndpoint()))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("CONNECT_ROUTING_ID")
                .hasMessageContaining(HexFormat.of().formatHex(bytes("taken")))
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
    }

    @Test
    void shouldRejectInvalidRoutingIds() {
        Socket router = socket(SocketType.ROUTER);
        assertThatThrownBy(() -> router.set(SocketOption.CONNECT_ROUTING_ID, new byte[0]))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("CONNECT_ROUTING_ID")
                .hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> router.set(SocketOption.CONNECT_ROUTING_ID, new byte[256]))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("256 bytes");
        assertThatThrownBy(() -> router.set(SocketOption.CONNECT_ROUTING_ID, new byte[] {0, 1}))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("0x0001")
                .hasMessageContaining("0x00");
        Socket dealer = socket(SocketType.DEALER);
        assertThatThrownBy(() -> dealer.set(SocketOption.CONNECT_ROUTING_ID, bytes("x")))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("CONNECT_ROUTING_ID")
                .hasMessageContaining("DEALER");
        assertThatThrownBy(() -> router.get(SocketOption.CONNECT_ROUTING_ID))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("CONNECT_ROUTING_ID");
    }

    @Test
    void shouldAddressALibzmqRouterByTheChosenRoutingId() {
        try (LibzmqPeer echo = LibzmqPeer.bound("router-echo", "--count", "1")) {
            Socket router = socket(SocketType.ROUTER);
            router.set(SocketOption.ROUTING_ID, bytes("zmq4j"));
            router.set(SocketOption.ROUTER_MANDATORY, true);
            router.set(SocketOption.CONNECT_ROUTING_ID, bytes("libzmq"));
            router.connect(echo.endpoint());
            router.send(Message.of("libzmq", "ping"));
            // router-echo answers [id, id, frames...]: the id it saw for us, twice, then what we sent.
            Message reply = router.recvMessage();
            assertThat(reply.getString(0))
                    .as("the chosen id" + echo.diagnostics())
                    .isEqualTo("libzmq");
            assertThat(reply.getString(1)).isEqualTo("zmq4j");
            assertThat(reply.getString(reply.size() - 1)).isEqualTo("ping");
            echo.awaitSuccess();
        }
    }
}
