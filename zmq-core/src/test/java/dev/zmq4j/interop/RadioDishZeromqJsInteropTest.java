package dev.zmq4j.interop;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RADIO/DISH (libzmq's draft group messaging) against the draft build of libzmq 4.3.5 inside npm's zeromq 6.8.0,
 * both directions: a zmq4j RADIO to a zeromq.js DISH and a zeromq.js RADIO to a zmq4j DISH, over tcp, ipc and ws with
 * each side binding in turn, and over udp, where the DISH binds and the RADIO connects.
 *
 * <p>A RADIO drops what it sends before a DISH's JOIN has reached it (over udp, before its endpoint is set up), so
 * the RADIO sends probes (body {@code probe}, of the group) until the DISH shows it receives them; then the numbered
 * messages {@link Traffic#payload(int)} of the group, each after one of another group that the DISH never joined and
 * must never see (over tcp and ws the RADIO filters by the JOINs it got, over udp the DISH filters by its groups).
 * The DISH checks every message's group and the payloads complete and in order; probes still in flight are skipped.
 * The Node roles are {@code dish} and {@code radio} of {@code zmq_node_peer.mjs}.
 *
 * <p>udp is lossy in principle, so its runs are small ({@link #UDP_MESSAGES}): on loopback, with the DISH reading
 * as they come, a few dozen datagrams fit the kernel's receive buffer many times over and none was lost in our runs,
 * so the test still requires them all, in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RadioDishZeromqJsInteropTest extends ZeromqJsFixture {
    private static final String GROUP = "interop";
    private static final String OTHER_GROUP = GROUP + "-other";
    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.US_ASCII);
    private static final int STREAM_MESSAGES = 200;
    private static final int UDP_MESSAGES = 50;

    // ---- zmq4j RADIO -> zeromq.js DISH

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ipc://*", "ws://127.0.0.1:*/radio"})
    void shouldSendToAZeromqJsDishConnectedToABoundRadio(String bindEndpoint) {
        Socket radio = ZmqTestSupport.socket(context, SocketType.RADIO);
        radio.bind(bindEndpoint);
        try (PeerProcess dish = NodePeer.connected(
                NodePeer.Library.ZEROMQ, "dish", radio.lastEndpoint(), peerOptions(STREAM_MESSAGES))) {
            sendUntilJoinedThenNumbered(radio, dish, STREAM_MESSAGES);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ipc://*", "ws://127.0.0.1:*/dish"})
    void shouldSendToABoundZeromqJsDish(String bindEndpoint) {
        try (PeerProcess dish =
                NodePeer.bound(NodePeer.Library.ZEROMQ, "dish", bindEndpoint, peerOptions(STREAM_MESSAGES))) {
            Socket radio = ZmqTestSupport.socket(context, SocketType.RADIO);
            radio.connect(dish.endpoint());
            sendUntilJoinedThenNumbered(radio, dish, STREAM_MESSAGES);
        }
    }

    @Test
    void shouldSendOverUdpToAZeromqJsDish() {
        try (PeerProcess dish = udpBoundZeromqJsDish(UDP_MESSAGES)) {
            Socket radio = ZmqTestSupport.socket(context, SocketType.RADIO);
            radio.connect(dish.endpoint());
            sendUntilJoinedThenNumbered(radio, dish, UDP_MESSAGES);
        }
    }

    // ---- zeromq.js RADIO -> zmq4j DISH

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ipc://*", "ws://127.0.0.1:*/dish", "udp://127.0.0.1:*"})
    void shouldReceiveFromAZeromqJsRadioConnectedToABoundDish(String bindEndpoint) {
        int messages = bindEndpoint.startsWith("udp:") ? UDP_MESSAGES : STREAM_MESSAGES;
        Socket dish = ZmqTestSupport.socket(context, SocketType.DISH);
        dish.join(GROUP);
        dish.bind(bindEndpoint); // udp://127.0.0.1:* takes a free port; lastEndpoint() names it
        try (PeerProcess radio =
                NodePeer.connected(NodePeer.Library.ZEROMQ, "radio", dish.lastEndpoint(), peerOptions(messages))) {
            receiveProbeThenNumbered(dish, radio, messages);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ipc://*", "ws://127.0.0.1:*/radio"})
    void shouldReceiveFromABoundZeromqJsRadio(String bindEndpoint) {
        try (PeerProcess radio =
                NodePeer.bound(NodePeer.Library.ZEROMQ, "radio", bindEndpoint, peerOptions(STREAM_MESSAGES))) {
            Socket dish = ZmqTestSupport.socket(context, SocketType.DISH);
            dish.join(GROUP);
            dish.connect(radio.endpoint());
            receiveProbeThenNumbered(dish, radio, STREAM_MESSAGES);
        }
    }

    // ---- the two halves of the exchange

    /**
     * Sends probes until the zeromq.js DISH prints JOINED (it received one, so its JOIN reached this RADIO), then
     * the numbered messages of {@link #GROUP}, each after one of {@link #OTHER_GROUP}; the DISH checks them.
     */
    private static void sendUntilJoinedThenNumbered(Socket radio, PeerProcess dish, int messages) {
        long deadline = System.nanoTime() + PeerProcess.DEFAULT_WAIT.toNanos();
        int probes = 0;
        while (dish.pollLine("JOINED", Duration.ofMillis(10)) == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the zeromq.js DISH received none of " + probes + " probes sent to " + GROUP
                        + " within " + PeerProcess.DEFAULT_WAIT.toMillis() + " ms" + dish.diagnostics());
            }
            ZmqTestSupport.sendMessage(radio, Message.of(PROBE).group(GROUP), "probe " + probes, dish::diagnostics);
            probes++;
        }
        for (int i = 0; i < messages; i++) {
            ZmqTestSupport.sendMessage(
                    radio, Message.of(Traffic.payload(i)).group(OTHER_GROUP), "message " + i, dish::diagnostics);
            ZmqTestSupport.sendMessage(
                    radio, Message.of(Traffic.payload(i)).group(GROUP), "message " + i, dish::diagnostics);
        }
        dish.awaitSuccess();
    }

    /**
     * Waits for the zeromq.js RADIO's first probe (the JOIN has reached it, or over udp its datagrams reach this
     * DISH), asks it for the numbered messages and checks them: of {@link #GROUP} only, complete, in order.
     */
    private static void receiveProbeThenNumbered(Socket dish, PeerProcess radio, int messages) {
        Message first = ZmqTestSupport.receiveMessage(dish, "a first probe", radio::diagnostics);
        assertOfGroup(first, "the first message", radio);
        ZmqTestSupport.assertFrames(first, List.of(PROBE), "the first message", radio::diagnostics);
        radio.sendLine("send");
        for (int i = 0; i < messages; ) {
            Message message = ZmqTestSupport.receiveMessage(
                    dish, "message " + i + " of " + messages + " (lost?)", radio::diagnostics);
            assertOfGroup(message, "message " + i, radio);
            if (message.size() == 1 && Arrays.equals(message.get(0), PROBE)) {
                continue; // sent before the RADIO read `send`
            }
            ZmqTestSupport.assertFrames(
                    message, List.of(Traffic.payload(i)), "message " + i + " (lost or reordered?)", radio::diagnostics);
            i++;
        }
        radio.awaitLine("SENT", PeerProcess.DEFAULT_WAIT);
        radio.sendLine("quit");
        radio.awaitSuccess();
    }

    private static void assertOfGroup(Message message, String what, PeerProcess peer) {
        if (!GROUP.equals(message.group())) {
            throw new AssertionError(what + " " + Traffic.show(message) + " came with group "
                    + (message.group() == null ? "null" : "\"" + message.group() + "\"")
                    + ", but the DISH joined only \""
                    + GROUP + "\"" + peer.diagnostics());
        }
    }

    /**
     * A zeromq.js DISH bound to a udp port of 127.0.0.1 found free here, as libzmq cannot bind {@code :*} on udp.
     * Another process could take the port in between, but that cannot be retried on EADDRINUSE: libzmq's udp bind
     * happens later, in its I/O thread, and a port taken reports nothing (no error from bind, no monitor event; a
     * zeromq.js DISH bound to a port another socket holds simply receives nothing). Such a collision would fail the
     * test as "received none of the probes", with the port in the peer's command line.
     */
    private static PeerProcess udpBoundZeromqJsDish(int messages) {
        String endpoint = "udp://127.0.0.1:" + ZmqTestSupport.freeUdpPort();
        return NodePeer.bound(NodePeer.Library.ZEROMQ, "dish", endpoint, peerOptions(messages));
    }

    /** The options of both Node roles: the group, and how many numbered messages. */
    private static String[] peerOptions(int messages) {
        return new String[] {"--group", GROUP, "--count", Integer.toString(messages)};
    }
}
