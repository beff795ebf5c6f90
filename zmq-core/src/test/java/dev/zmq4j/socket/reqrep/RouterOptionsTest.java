package dev.zmq4j.socket.reqrep;

import static dev.zmq4j.interop.ZmqTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.LibzmqPeer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ROUTER_HANDOVER and PROBE_ROUTER, as libzmq has them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterOptionsTest extends ContextFixture {
    @Test
    void shouldLetANewPeerTakeOverARoutingIdWithHandover() {
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.ROUTER_HANDOVER, true);
        router.bind("tcp://127.0.0.1:*");
        Socket first = socket(SocketType.DEALER);
        first.set(SocketOption.ROUTING_ID, bytes("worker"));
        first.connect(router.lastEndpoint());
        first.send("from the first");
        assertThat(router.recvMessage().getString(1)).isEqualTo("from the first");

        Socket second = socket(SocketType.DEALER);
        second.set(SocketOption.ROUTING_ID, bytes("worker"));
        second.connect(router.lastEndpoint());
        second.send("from the second");
        Message fromSecond = router.recvMessage();
        assertThat(fromSecond.getString(0)).isEqualTo("worker");
        assertThat(fromSecond.getString(1)).isEqualTo("from the second");

        router.send(Message.of("worker", "to whoever holds the id"));
        assertThat(second.recvString()).isEqualTo("to whoever holds the id");
    }

    @Test
    void shouldRefuseADuplicateRoutingIdWithoutHandover() {
        Socket router = socket(SocketType.ROUTER);
        router.bind("tcp://127.0.0.1:*");
        Socket first = socket(SocketType.DEALER);
        first.set(SocketOption.ROUTING_ID, bytes("worker"));
        first.connect(router.lastEndpoint());
        first.send("from the first");
        assertThat(router.recvMessage().getString(1)).isEqualTo("from the first");

        Socket second = socket(SocketType.DEALER);
        second.set(SocketOption.ROUTING_ID, bytes("worker"));
        second.connect(router.lastEndpoint());
        second.send("refused");
        first.send("first again");
        assertThat(router.recvMessage().getString(1)).isEqualTo("first again");
        router.send(Message.of("worker", "still the first"));
        assertThat(first.recvString()).isEqualTo("still the first");
    }

    @Test
    void shouldProbeARouterPeerOnConnect() {
        Socket router = socket(SocketType.ROUTER);
        router.bind("tcp://127.0.0.1:*");
        Socket dealer = socket(SocketType.DEALER);
        dealer.set(SocketOption.PROBE_ROUTER, true);
        dealer.set(SocketOption.ROUTING_ID, bytes("prober"));
        dealer.connect(router.lastEndpoint());
        Message probe = router.recvMessage();
        assertThat(probe.getString(0)).isEqualTo("prober");
        assertThat(probe.get(1)).as("the probe is an empty message").isEmpty();
    }

    @Test
    void shouldProbeALibzmqRouter() {
        try (LibzmqPeer peer = LibzmqPeer.bound("router-sink")) {
            Socket dealer = socket(SocketType.DEALER);
            dealer.set(SocketOption.PROBE_ROUTER, true);
            dealer.connect(peer.endpoint());
            // The sink prints the frames after the routing id in hex: one empty frame prints as nothing.
            assertThat(peer.awaitLine("RECEIVED", Duration.ofSeconds(10)).trim())
                    .isEmpty();
        }
    }

    @Test
    void shouldRejectRouterOptionsOnOtherSockets() {
        Socket pull = socket(SocketType.PULL);
        assertThatThrownBy(() -> pull.set(SocketOption.ROUTER_HANDOVER, true))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("ROUTER_HANDOVER")
                .hasMessageContaining("PULL");
        assertThatThrownBy(() -> pull.set(SocketOption.PROBE_ROUTER, true))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("PROBE_ROUTER")
                .hasMessageContaining("ROUTER, DEALER, REQ");
    }
}
