package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketEvent.Type;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.ZmqTestSupport;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * zmq4j's socket events against real libzmq 4.3 ({@code monitor_peer.py}, a libzmq socket under
 * {@code zmq_socket_monitor}): the same codes as libzmq's {@code ZMQ_EVENT_*} and {@code ZMQ_PROTOCOL_ERROR_*}, and
 * the same sequence of events, socket by socket, when each runs the same scenario against a zmq4j peer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitorLibzmqComparisonTest {
    private static final String SCRIPT = "monitor_peer.py";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int RECONNECT_IVL = 300;

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
    void shouldUseLibzmqEventAndProtocolErrorCodes() throws IllegalAccessException {
        Map<String, Integer> libzmq = new HashMap<>();
        try (LibzmqPeer peer = LibzmqPeer.start(SCRIPT, "codes")) {
            String line;
            while ((line = peer.pollLine("CODE", WAIT)) != null) {
                String[] parts = line.split(" ");
                libzmq.put(parts[0], Integer.parseUnsignedInt(parts[1]));
            }
            assertThat(peer.awaitExit(WAIT)).as("exit status of %s", peer).isZero();
        }
        assertThat(libzmq).as("pyzmq's constants").containsKey("EVENT_CONNECTED");
        for (Type type : Type.values()) {
            assertThat(type.code()).as("code of %s", type).isEqualTo(libzmq.get("EVENT_" + type.name()));
        }
        assertThat(SocketEvent.ALL).as("ALL").isEqualTo(libzmq.get("EVENT_ALL_V1"));
        int compared = 0;
        for (Field field : SocketEvent.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("PROTOCOL_ERROR_")) {
                assertThat(field.getInt(null)).as(field.getName()).isEqualTo(libzmq.get(field.getName()));
                compared++;
            }
        }
        assertThat(compared).as("protocol error codes compared").isEqualTo(20);
    }

    @Test
    void shouldRaiseLibzmqsSequenceWhenAConnectedPeerGoesAway() {
        List<Type> expected = List.of(
                Type.CONNECT_DELAYED,
                Type.CONNECTED,
                Type.HANDSHAKE_SUCCEEDED,
                Type.DISCONNECTED,
                Type.CONNECT_RETRIED);

        Socket serverOfLibzmq = bound(SocketType.ROUTER);
        List<Type> libzmqTypes = new ArrayList<>();
        try (LibzmqPeer peer = LibzmqPeer.start(
                SCRIPT,
                "connect",
                serverOfLibzmq.lastEndpoint(),
                "--type",
                "DEALER",
                "--reconnect-ivl",
                String.valueOf(RECONNECT_IVL),
                "--until",
                "HANDSHAKE_SUCCEEDED,DISCONNECTED,CONNECT_RETRIED")) {
            peer.awaitLine("READY", WAIT);
            readEventsUntil(peer, Type.HANDSHAKE_SUCCEEDED, libzmqTypes);
            serverOfLibzmq.close();
            readEventsUntil(peer, Type.DISCONNECTED, libzmqTypes);
            readEventsUntil(peer, Type.CONNECT_RETRIED, libzmqTypes);
            peer.awaitSuccess(WAIT);
        }

        Socket server = bound(SocketType.ROUTER);
        Socket client = ZmqTestSupport.socket(context, SocketType.DEALER);
        client.set(SocketOption.RECONNECT_IVL, RECONNECT_IVL);
        EventRecorder events = new EventRecorder("zmq4j DEALER");
        client.addEventListener(events, SocketEvent.ALL);
        client.connect(server.lastEndpoint());
        events.await(Type.HANDSHAKE_SUCCEEDED);
        server.close();
        events.await(Type.DISCONNECTED);
        events.await(Type.CONNECT_RETRIED);

        assertThat(libzmqTypes).as("libzmq's events (the scenario's reference)").isEqualTo(expected);
        assertThat(events.typesTaken())
                .as("zmq4j's events for the same scenario")
                .isEqualTo(libzmqTypes);
    }

    @Test
    void shouldRaiseLibzmqsSequenceOnTheBoundSideWhenThePeerLeavesAndTheSocketCloses() {
        List<Type> libzmqTypes = new ArrayList<>();
        try (LibzmqPeer peer = LibzmqPeer.start(
                SCRIPT,
                "bind",
                "tcp://127.0.0.1:*",
                "--type",
                "ROUTER",
                "--until",
                "HANDSHAKE_SUCCEEDED,DISCONNECTED")) {
            String endpoint = peer.awaitLine("ENDPOINT", WAIT);
            Socket client = ZmqTestSupport.socket(context, SocketType.DEALER);
            client.connect(endpoint);
            readEventsUntil(peer, Type.HANDSHAKE_SUCCEEDED, libzmqTypes);
            client.close();
            readEventsUntil(peer, Type.MONITOR_STOPPED, libzmqTypes);
            peer.awaitSuccess(WAIT);
        }

        Socket server = ZmqTestSupport.socket(context, SocketType.ROUTER);
        EventRecorder events = new EventRecorder("zmq4j ROUTER");
        server.addEventListener(events, SocketEvent.ALL);
        server.bind("tcp://127.0.0.1:*");
        Socket client = ZmqTestSupport.socket(context, SocketType.DEALER);
        client.connect(server.lastEndpoint());
        events.await(Type.HANDSHAKE_SUCCEEDED);
        client.close();
        events.await(Type.DISCONNECTED);
        server.close();
        events.await(Type.MONITOR_STOPPED);

        assertThat(libzmqTypes)
                .as("libzmq's events (the scenario's reference)")
                .isEqualTo(List.of(
                        Type.LISTENING,
                        Type.ACCEPTED,
                        Type.HANDSHAKE_SUCCEEDED,
                        Type.DISCONNECTED,
                        Type.CLOSED,
                        Type.MONITOR_STOPPED));
        assertThat(events.typesTaken())
                .as("zmq4j's events for the same scenario")
                .isEqualTo(libzmqTypes);
    }

    @Test
    void shouldRaiseLibzmqsSequenceForAnIncompatiblePeer() {
        Socket serverOfLibzmq = bound(SocketType.PULL);
        List<Type> libzmqTypes = new ArrayList<>();
        try (LibzmqPeer peer = LibzmqPeer.start(
                SCRIPT, "connect", serverOfLibzmq.lastEndpoint(), "--type", "PULL", "--until", "DISCONNECTED")) {
            peer.awaitLine("READY", WAIT);
            readEventsUntil(peer, Type.DISCONNECTED, libzmqTypes);
            peer.awaitSuccess(WAIT);
        }

        Socket server = bound(SocketType.PULL);
        Socket client = ZmqTestSupport.socket(context, SocketType.PULL);
        EventRecorder events = new EventRecorder("zmq4j PULL");
        client.addEventListener(events, SocketEvent.ALL);
        client.connect(server.lastEndpoint());
        events.await(Type.DISCONNECTED);

        assertThat(libzmqTypes)
                .as("libzmq's events: no HANDSHAKE_FAILED_* for a wrong Socket-Type")
                .isEqualTo(List.of(Type.CONNECT_DELAYED, Type.CONNECTED, Type.DISCONNECTED));
        assertThat(events.typesTaken())
                .as("zmq4j's events for the same scenario")
                .isEqualTo(libzmqTypes);
    }

    private Socket bound(SocketType type) {
        Socket socket = ZmqTestSupport.socket(context, type);
        socket.bind("tcp://127.0.0.1:*");
        return socket;
    }

    /** Reads the peer's {@code EVENT <name> <value> <endpoint>} lines into {@code types} up to one of {@code last}. */
    private static void readEventsUntil(LibzmqPeer peer, Type last, List<Type> types) {
        while (true) {
            String[] parts = peer.awaitLine("EVENT", WAIT).split(" ", 3);
            Type type = Type.valueOf(parts[0]);
            types.add(type);
            if (type == last) {
                return;
            }
        }
    }
}
