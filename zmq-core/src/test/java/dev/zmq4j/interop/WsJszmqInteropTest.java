package dev.zmq4j.interop;

import static dev.zmq4j.interop.ZmqTestSupport.assertFrames;
import static dev.zmq4j.interop.ZmqTestSupport.receiveMessage;
import static dev.zmq4j.interop.ZmqTestSupport.sendMessage;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * zmq4j over {@code ws://} with jszmq 0.1.2 (pure JavaScript, plain {@code ZWS2.0}: routing ids as first messages,
 * no mechanism) under Node: {@link NodeWsScenarios}, each side binding in turn.
 *
 * <p>Where jszmq departs from libzmq, worked around in {@code zmq_node_peer.mjs} (details in docs/interop.md):
 *
 * <ul>
 *   <li>A jszmq server leaves the choice of subprotocol to the {@code ws} library, which takes the client's first
 *       offer: {@code ZWS2.0/NULL} from zmq4j and libzmq (which offer {@code ZWS2.0/NULL, ZWS2.0}), then speaks plain
 *       {@code ZWS2.0} anyway. The peer script narrows the offer to {@code ZWS2.0} before jszmq sees it.
 *   <li>A jszmq ROUTER shows a peer's routing id with a 0x00 byte in front ({@link
 *       #shouldBeShownWithALeadingZeroByAJszmqRouter}); the roles compare without it.
 *   <li>Closing a bound jszmq socket terminates its connections (a TCP reset, so the last messages a PUSH sent can be
 *       lost), and it has no linger; the peer script closes each WebSocket with its closing handshake first.
 * </ul>
 *
 * jszmq has no CURVE, PLAIN or NULL handshake at all, so nothing here runs a mechanism.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WsJszmqInteropTest extends NodeWsScenarios {
    @Override
    protected NodePeer.Library library() {
        return NodePeer.Library.JSZMQ;
    }

    @ParameterizedTest(name = "zmq4j binds: {0}")
    @ValueSource(booleans = {true, false})
    void shouldBeShownWithALeadingZeroByAJszmqRouter(boolean zmq4jBinds) {
        Socket dealer = ZmqTestSupport.socket(context(), SocketType.DEALER);
        dealer.set(SocketOption.ROUTING_ID, ZMQ4J_ROUTING_ID);
        try (ScriptedPeer router = attachScripted(dealer, zmq4jBinds, "router")) {
            sendMessage(dealer, Message.of(ScriptedPeer.ascii("hello")), "hello", router::diagnostics);
            List<byte[]> received = router.receive(Duration.ofSeconds(10));
            if (received == null) {
                throw new AssertionError("the jszmq ROUTER received nothing" + router.diagnostics());
            }
            byte[] shown = new byte[ZMQ4J_ROUTING_ID.length + 1];
            System.arraycopy(ZMQ4J_ROUTING_ID, 0, shown, 1, ZMQ4J_ROUTING_ID.length);
            assertFrames(
                    received,
                    List.of(shown, ScriptedPeer.ascii("hello")[0]),
                    "[routing id, hello] at the jszmq ROUTER",
                    router::diagnostics);
            router.send(shown, ScriptedPeer.ascii("back")[0]);
            assertFrames(
                    receiveMessage(dealer, "the reply", router::diagnostics),
                    List.of(ScriptedPeer.ascii("back")),
                    "the reply routed by that id",
                    router::diagnostics);
            router.quit();
        }
    }
}
