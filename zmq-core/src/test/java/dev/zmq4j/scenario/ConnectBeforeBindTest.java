package dev.zmq4j.scenario;

import static dev.zmq4j.interop.ZmqTestSupport.receiveMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.Traffic;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A zmq4j DEALER connects to an endpoint nobody has bound yet and sends at once (a DEALER without IMMEDIATE
 * queues on the pending connection); the peer binds afterwards and must get the message. The port comes from
 * {@link ZmqTestSupport#freeTcpPort()}: free a moment before, with the small race documented there.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectBeforeBindTest {
    private static final byte[] DEALER_ID = Traffic.ascii("early-dealer");

    private Context context;
    private Socket dealer;
    private String endpoint;

    @BeforeEach
    void connectDealerToNothing() {
        context = Context.create();
        dealer = ZmqTestSupport.socket(context, SocketType.DEALER);
        dealer.set(SocketOption.RECONNECT_IVL, 50);
        dealer.set(SocketOption.ROUTING_ID, DEALER_ID);
        endpoint = "tcp://127.0.0.1:" + ZmqTestSupport.freeTcpPort();
        dealer.connect(endpoint);
        assertThat(dealer.send("sent before bind"))
                .as("a DEALER without IMMEDIATE queues on a connection still being made to %s", endpoint)
                .isTrue();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    @Test
    void shouldDeliverToZmq4jRouterThatBindsAfterDealerConnected() {
        try (Context routerContext = Context.create()) {
            Socket router = ZmqTestSupport.socket(routerContext, SocketType.ROUTER);
            router.bind(endpoint);
            Message message = receiveMessage(router, "the message sent before bind", () -> "");
            assertThat(message.get(0)).as("routing id").isEqualTo(DEALER_ID);
            assertThat(message.getString(1)).isEqualTo("sent before bind");

            assertThat(router.send(Message.of(DEALER_ID, Traffic.ascii("welcome"))))
                    .isTrue();
            assertThat(receiveMessage(dealer, "the ROUTER's answer", () -> "").getString(0))
                    .isEqualTo("welcome");
        }
    }

    @Test
    void shouldDeliverToLibzmqRouterThatBindsAfterDealerConnected() {
        try (LibzmqPeer router = LibzmqPeer.boundAt("router-sink", endpoint)) {
            assertThat(router.endpoint()).isEqualTo(endpoint);
            String frames = router.awaitLine("RECEIVED", Duration.ofSeconds(10));
            assertThat(frames)
                    .as("frames after the routing id, hex; %s", router.diagnostics())
                    .isEqualTo(HexFormat.of().formatHex(Traffic.ascii("sent before bind")));
            assertThat(router.awaitExit(Duration.ofSeconds(10)))
                    .as(router.diagnostics())
                    .isZero();
        }
    }
}
