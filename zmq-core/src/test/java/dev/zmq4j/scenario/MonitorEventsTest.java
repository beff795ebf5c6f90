package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketEvent.Type;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Socket events as libzmq raises them, observed both ways zmq4j offers: through {@code monitor} (an inproc PAIR
 * carrying libzmq's two-frame messages, decoded here) and through {@code addEventListener}. Real tcp and ipc
 * connections; raw {@link java.net.Socket}s play peers that break the handshake. Sequences are asserted per socket
 * only: the two ends of a connection race each other.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitorEventsTest {
    private static final AtomicInteger MONITOR_NAMES = new AtomicInteger();

    /** How the test observes a socket's events. */
    enum Source {
        MONITOR_PAIR,
        LISTENER
    }

    private Context context;
    private final List<AutoCloseable> readers = new ArrayList<>();

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() throws Exception {
        for (AutoCloseable reader : readers) {
            reader.close();
        }
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    private EventRecorder observe(Socket socket, Source source, String name) {
        if (source == Source.LISTENER) {
            EventRecorder recorder = new EventRecorder(name + " (listener)");
            socket.addEventListener(recorder, SocketEvent.ALL);
            return recorder;
        }
        String endpoint = "inproc://monitor-" + MONITOR_NAMES.incrementAndGet();
        socket.monitor(endpoint, SocketEvent.ALL);
        MonitorReader reader = new MonitorReader(context, endpoint);
        readers.add(reader);
        return reader.recorder(name + " (monitor " + endpoint + ")");
    }

    private Socket socket(SocketType type) {
        return ZmqTestSupport.socket(context, type);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportListeningAndClosedForBindAndUnbind(Source source) {
        Socket server = socket(SocketType.PULL);
        EventRecorder events = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        String endpoint = server.lastEndpoint();

        SocketEvent listening = events.next();
        assertThat(listening.type()).as("first event after bind; %s", events).isEqualTo(Type.LISTENING);
        assertThat(listening.endpoint())
                .as("LISTENING names the resolved endpoint")
                .isEqualTo(endpoint);
        assertThat(listening.value())
                .as("LISTENING carries the listener's number")
                .isPositive();

        server.unbind(endpoint);
        SocketEvent closed = events.next();
        assertThat(closed)
                .as("event after unbind; %s", events)
                .isEqualTo(new SocketEvent(Type.CLOSED, listening.value(), endpoint));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportConnectAcceptAndHandshakeOnBothSides(Source source) {
        Socket server = socket(SocketType.ROUTER);
        EventRecorder serverEvents = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        String endpoint = server.lastEndpoint();
        Socket client = socket(SocketType.DEALER);
        EventRecorder clientEvents = observe(client, source, "client");
        client.connect(endpoint);

        SocketEvent connected = clientEvents.await(Type.CONNECTED);
        SocketEvent clientHandshake = clientEvents.next();
        assertThat(clientEvents.typesTaken())
                .as("client events, in order")
                .isIn(
                        List.of(Type.CONNECT_DELAYED, Type.CONNECTED, Type.HANDSHAKE_SUCCEEDED),
                        List.of(Type.CONNECTED, Type.HANDSHAKE_SUCCEEDED));
        assertThat(clientEvents.taken())
                .as("client events all name the connect string")
                .allMatch(event -> event.endpoint().equals(endpoint));
        assertThat(connected.value())
                .as("CONNECTED carries a connection number")
                .isPositive();
        assertThat(clientHandshake.value()).as("HANDSHAKE_SUCCEEDED value").isZero();
        if (clientEvents.typesTaken().get(0) == Type.CONNECT_DELAYED) {
            assertThat(clientEvents.taken().get(0).value())
                    .as("CONNECT_DELAYED carries EINPROGRESS")
                    .isEqualTo(115);
        }

        serverEvents.await(Type.HANDSHAKE_SUCCEEDED);
        assertThat(serverEvents.typesTaken())
                .as("server events, in order")
                .containsExactly(Type.LISTENING, Type.ACCEPTED, Type.HANDSHAKE_SUCCEEDED);
        assertThat(serverEvents.taken())
                .as("server events all name the bound endpoint")
                .allMatch(event -> event.endpoint().equals(endpoint));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportDisconnectedAndRetryWithTheIntervalWhenThePeerGoesAway(Source source) {
        Socket server = socket(SocketType.PULL);
        server.bind("tcp://127.0.0.1:*");
        String endpoint = server.lastEndpoint();
        Socket client = socket(SocketType.PUSH);
        client.set(SocketOption.RECONNECT_IVL, 300);
        EventRecorder events = observe(client, source, "client");
        client.connect(endpoint);
        SocketEvent connected = events.await(Type.CONNECTED);
        events.await(Type.HANDSHAKE_SUCCEEDED);

        server.close();
        SocketEvent disconnected = events.next();
        assertThat(disconnected)
                .as("first event after the peer closed; %s", events)
                .isEqualTo(new SocketEvent(Type.DISCONNECTED, connected.value(), endpoint));
        SocketEvent retried = events.next();
        assertThat(retried.type()).as("event after DISCONNECTED; %s", events).isEqualTo(Type.CONNECT_RETRIED);
        assertThat(retried.value())
                .as("CONNECT_RETRIED carries the wait: RECONNECT_IVL plus jitter below it")
                .isBetween(300, 599);
        assertThat(retried.endpoint()).isEqualTo(endpoint);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportEachFailedAttemptAsClosedThenRetried(Source source) {
        int port = ZmqTestSupport.freeTcpPort();
        String endpoint = "tcp://127.0.0.1:" + port;
        Socket client = socket(SocketType.DEALER);
        client.set(SocketOption.RECONNECT_IVL, 100);
        EventRecorder events = observe(client, source, "client");
        client.connect(endpoint);

        SocketEvent firstRetry = events.await(Type.CONNECT_RETRIED);
        events.await(Type.CONNECT_RETRIED);
        assertThat(firstRetry.value()).as("first CONNECT_RETRIED value").isBetween(100, 199);
        List<Type> types = events.typesTaken();
        assertThat(types)
                .as("a refused connect: the attempt's channel is CLOSED before the retry, as in libzmq")
                .containsSubsequence(Type.CLOSED, Type.CONNECT_RETRIED, Type.CLOSED, Type.CONNECT_RETRIED)
                .doesNotContain(Type.CONNECTED, Type.DISCONNECTED);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportBindFailedWithEaddrinuse(Source source) {
        Socket first = socket(SocketType.PULL);
        first.bind("tcp://127.0.0.1:*");
        String endpoint = first.lastEndpoint();
        Socket second = socket(SocketType.PULL);
        EventRecorder events = observe(second, source, "second");

        assertThatThrownBy(() -> second.bind(endpoint))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EADDRINUSE));
        assertThat(events.next())
                .as("event of the failed bind")
                .isEqualTo(new SocketEvent(Type.BIND_FAILED, 98, endpoint));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportGarbageAsAProtocolFailure(Source source) throws IOException {
        Socket server = socket(SocketType.PULL);
        EventRecorder events = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connectRaw(server)) {
            raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            raw.getOutputStream().flush();
            SocketEvent accepted = events.await(Type.ACCEPTED);
            assertThat(events.next())
                    .as("event after the garbage; %s", events)
                    .isEqualTo(new SocketEvent(
                            Type.HANDSHAKE_FAILED_PROTOCOL,
                            SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED,
                            server.lastEndpoint()));
            assertThat(events.next())
                    .as("the connection ends")
                    .isEqualTo(new SocketEvent(Type.DISCONNECTED, accepted.value(), server.lastEndpoint()));
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportAnotherMechanismAsMechanismMismatch(Source source) throws IOException {
        Socket server = socket(SocketType.PULL);
        EventRecorder events = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connectRaw(server)) {
            byte[] greeting = RawZmtp.nullGreeting();
            byte[] plain = Arrays.copyOf("PLAIN".getBytes(StandardCharsets.US_ASCII), 20);
            System.arraycopy(plain, 0, greeting, 12, 20);
            raw.getOutputStream().write(greeting);
            raw.getOutputStream().flush();
            events.await(Type.ACCEPTED);
            assertThat(events.next())
                    .as("event after a PLAIN greeting; %s", events)
                    .isEqualTo(new SocketEvent(Type.HANDSHAKE_FAILED_PROTOCOL, 0x1100_0002, server.lastEndpoint()));
            assertThat(events.next().type()).isEqualTo(Type.DISCONNECTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportAZapStatusInAnErrorCommandAsAuthFailure(Source source) throws IOException {
        Socket server = socket(SocketType.PULL);
        EventRecorder events = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connectRaw(server)) {
            OutputStream out = raw.getOutputStream();
            out.write(RawZmtp.nullGreeting());
            out.write(errorCommand("400"));
            out.flush();
            events.await(Type.ACCEPTED);
            assertThat(events.next())
                    .as("event after ERROR \"400\"; %s", events)
                    .isEqualTo(new SocketEvent(Type.HANDSHAKE_FAILED_AUTH, 400, server.lastEndpoint()));
            assertThat(events.next().type()).isEqualTo(Type.DISCONNECTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportHandshakeTimeoutWithoutDetail(Source source) throws IOException {
        Socket server = socket(SocketType.PULL);
        server.set(SocketOption.HANDSHAKE_IVL, 200);
        EventRecorder events = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connectRaw(server)) {
            SocketEvent accepted = events.await(Type.ACCEPTED);
            assertThat(events.next())
                    .as("event once HANDSHAKE_IVL expired; %s", events)
                    .isEqualTo(new SocketEvent(Type.HANDSHAKE_FAILED_NO_DETAIL, 110, server.lastEndpoint()));
            assertThat(events.next())
                    .isEqualTo(new SocketEvent(Type.DISCONNECTED, accepted.value(), server.lastEndpoint()));
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportAPeerLeavingMidHandshakeWithoutDetail(Source source) throws IOException {
        Socket server = socket(SocketType.PULL);
        EventRecorder events = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connectRaw(server)) {
            InputStream in = raw.getInputStream();
            // Read the 10-byte signature so that the server is in its handshake, then leave.
            assertThat(in.readNBytes(10)).hasSize(10);
            raw.shutdownOutput();
            events.await(Type.ACCEPTED);
            SocketEvent failed = events.next();
            assertThat(failed.type())
                    .as("event after the peer left; %s", events)
                    .isEqualTo(Type.HANDSHAKE_FAILED_NO_DETAIL);
            assertThat(failed.value())
                    .as("errno of a closed connection: EPIPE or ECONNRESET")
                    .isIn(32, 104);
            assertThat(events.next().type()).isEqualTo(Type.DISCONNECTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldReportAnIncompatibleSocketTypeOnlyAsDisconnectedLikeLibzmq(Source source) {
        Socket server = socket(SocketType.PULL);
        EventRecorder serverEvents = observe(server, source, "server");
        server.bind("tcp://127.0.0.1:*");
        Socket client = socket(SocketType.PULL);
        EventRecorder clientEvents = observe(client, source, "client");
        client.connect(server.lastEndpoint());

        clientEvents.await(Type.DISCONNECTED);
        serverEvents.await(Type.DISCONNECTED);
        // libzmq 4.3 rejects the peer's Socket-Type in READY without a HANDSHAKE_FAILED_* event (see the
        // comparison with libzmq in MonitorLibzmqComparisonTest).
        assertThat(clientEvents.typesTaken())
                .as("client events")
                .doesNotContain(
                        Type.HANDSHAKE_SUCCEEDED, Type.HANDSHAKE_FAILED_PROTOCOL, Type.HANDSHAKE_FAILED_NO_DETAIL);
        assertThat(serverEvents.typesTaken())
                .as("server events")
                .containsExactly(Type.LISTENING, Type.ACCEPTED, Type.DISCONNECTED);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void shouldNotReportDisconnectedWhenTheApplicationDisconnects(Source source) {
        Socket server = socket(SocketType.PULL);
        server.bind("tcp://127.0.0.1:*");
        String endpoint = server.lastEndpoint();
        Socket client = socket(SocketType.PUSH);
        EventRecorder events = observe(client, source, "client");
        client.connect(endpoint);
        events.await(Type.HANDSHAKE_SUCCEEDED);

        client.disconnect(endpoint);
        client.close();
        // Closing ends the socket's events with MONITOR_STOPPED; nothing about the connection comes before it.
        assertThat(events.next())
                .as("event after disconnect and close; %s", events)
                .isEqualTo(new SocketEvent(Type.MONITOR_STOPPED, 0, ""));
    }

    @Test
    void shouldReportIpcEndpointsAsBoundAndConnected() throws IOException {
        Path directory = Files.createTempDirectory("zmq4j-monitor");
        String endpoint = "ipc://" + directory.resolve("socket");
        try {
            Socket server = socket(SocketType.PULL);
            EventRecorder serverEvents = observe(server, Source.LISTENER, "server");
            server.bind(endpoint);
            Socket client = socket(SocketType.PUSH);
            EventRecorder clientEvents = observe(client, Source.MONITOR_PAIR, "client");
            client.connect(endpoint);
            assertThat(clientEvents.await(Type.HANDSHAKE_SUCCEEDED).endpoint()).isEqualTo(endpoint);
            assertThat(clientEvents.typesTaken()).contains(Type.CONNECTED);
            serverEvents.await(Type.HANDSHAKE_SUCCEEDED);
            assertThat(serverEvents.taken()).extracting(SocketEvent::endpoint).containsOnly(endpoint);
            server.close();
            client.close();
        } finally {
            Files.deleteIfExists(directory.resolve("socket"));
            Files.deleteIfExists(directory);
        }
    }

    @Test
    void shouldSendMonitorStoppedWhenMonitoringStops() {
        Socket server = socket(SocketType.PULL);
        String endpoint = "inproc://monitor-stop-" + MONITOR_NAMES.incrementAndGet();
        server.monitor(endpoint, SocketEvent.ALL);
        try (MonitorReader reader = new MonitorReader(context, endpoint)) {
            EventRecorder events = reader.recorder("server");
            server.bind("tcp://127.0.0.1:*");
            assertThat(events.next().type()).isEqualTo(Type.LISTENING);
            server.monitor(null, 0);
            assertThat(events.next()).isEqualTo(new SocketEvent(Type.MONITOR_STOPPED, 0, ""));
            server.unbind(server.lastEndpoint());
            assertThat(events.poll(Duration.ofMillis(300)))
                    .as("no event after the monitor stopped")
                    .isNull();
        }
    }

    @Test
    void shouldLetANewMonitorTakeTheSameEndpointAtOnce() {
        Socket server = socket(SocketType.PULL);
        String endpoint = "inproc://monitor-again-" + MONITOR_NAMES.incrementAndGet();
        server.monitor(endpoint, SocketEvent.ALL);
        try (MonitorReader first = new MonitorReader(context, endpoint)) {
            EventRecorder firstEvents = first.recorder("first monitor");
            server.bind("tcp://127.0.0.1:*");
            assertThat(firstEvents.next().type()).isEqualTo(Type.LISTENING);
            server.monitor(endpoint, SocketEvent.ALL);
            assertThat(firstEvents.next().type())
                    .as("the replaced monitor's last event")
                    .isEqualTo(Type.MONITOR_STOPPED);
        }
        try (MonitorReader second = new MonitorReader(context, endpoint)) {
            EventRecorder secondEvents = second.recorder("second monitor");
            server.unbind(server.lastEndpoint());
            assertThat(secondEvents.next().type()).isEqualTo(Type.CLOSED);
        }
    }

    @Test
    void shouldSendClosedThenMonitorStoppedWhenTheSocketCloses() {
        Socket server = socket(SocketType.PULL);
        EventRecorder monitored = observe(server, Source.MONITOR_PAIR, "server");
        EventRecorder listened = observe(server, Source.LISTENER, "server");
        server.bind("tcp://127.0.0.1:*");
        String endpoint = server.lastEndpoint();
        server.close();
        for (EventRecorder events : List.of(monitored, listened)) {
            events.await(Type.MONITOR_STOPPED);
            assertThat(events.typesTaken())
                    .as("%s", events)
                    .containsExactly(Type.LISTENING, Type.CLOSED, Type.MONITOR_STOPPED);
            assertThat(events.taken().get(1).endpoint()).isEqualTo(endpoint);
        }
    }

    @Test
    void shouldSendOnlyTheSelectedEvents() {
        Socket server = socket(SocketType.PULL);
        String endpoint = "inproc://monitor-mask-" + MONITOR_NAMES.incrementAndGet();
        server.monitor(endpoint, Type.CLOSED.code());
        EventRecorder listened = new EventRecorder("listener");
        server.addEventListener(listened, Type.LISTENING.code());
        try (MonitorReader reader = new MonitorReader(context, endpoint)) {
            EventRecorder monitored = reader.recorder("monitor");
            server.bind("tcp://127.0.0.1:*");
            server.unbind(server.lastEndpoint());
            assertThat(monitored.next().type()).isEqualTo(Type.CLOSED);
            assertThat(listened.next().type()).isEqualTo(Type.LISTENING);
            server.removeEventListener(listened);
            server.bind("tcp://127.0.0.1:*");
            assertThat(listened.poll(Duration.ofMillis(300)))
                    .as("no event after removeEventListener")
                    .isNull();
        }
    }

    @Test
    void shouldDropEventsRatherThanBlockWhenTheReaderIsSlow() {
        Socket server = socket(SocketType.PULL);
        String endpoint = "inproc://monitor-slow-" + MONITOR_NAMES.incrementAndGet();
        server.monitor(endpoint, Type.LISTENING.code());
        try (MonitorReader reader = new MonitorReader(context, endpoint)) {
            // The inproc pipe holds the PAIRs' SNDHWM + RCVHWM (2000) events: bind far more than that, unread.
            ZmqTestSupport.runBounded("2,500 binds with an unread monitor", Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 2_500; i++) {
                    server.bind("tcp://127.0.0.1:*");
                    server.unbind(server.lastEndpoint());
                }
            });
            int received = 0;
            while (reader.poll() != null) {
                received++;
            }
            assertThat(received).as("events kept for the slow reader").isBetween(1, 2_000);
        }
    }

    @Test
    void shouldKeepDeliveringWhenAListenerThrows() {
        Socket server = socket(SocketType.PULL);
        server.addEventListener(
                event -> {
                    throw new IllegalStateException("a broken listener");
                },
                SocketEvent.ALL);
        EventRecorder events = observe(server, Source.LISTENER, "server");
        server.bind("tcp://127.0.0.1:*");
        assertThat(events.next().type()).isEqualTo(Type.LISTENING);
    }

    @Test
    void shouldRefuseAMonitorEndpointThatIsNotInproc() {
        Socket server = socket(SocketType.PULL);
        assertThatThrownBy(() -> server.monitor("tcp://127.0.0.1:5555", SocketEvent.ALL))
                .isInstanceOfSatisfying(ZmqException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EPROTONOSUPPORT);
                    assertThat(e.getMessage()).contains("tcp://127.0.0.1:5555").contains("inproc");
                });
        assertThatThrownBy(() -> server.monitor("inproc://bad-mask", 0x10000))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL));
        assertThatThrownBy(() -> server.addEventListener(null, SocketEvent.ALL))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL));
    }

    @Test
    void shouldMapCodesToTypes() {
        for (Type type : Type.values()) {
            assertThat(Type.fromCode(type.code())).isSameAs(type);
            assertThat(Integer.bitCount(type.code())).as("%s is one bit", type).isEqualTo(1);
        }
        assertThatThrownBy(() -> Type.fromCode(0x8000)).isInstanceOf(ZmqException.class);
    }

    private static java.net.Socket connectRaw(Socket server) throws IOException {
        URI uri = URI.create(server.lastEndpoint());
        java.net.Socket raw = new java.net.Socket(InetAddress.getByName(uri.getHost()), uri.getPort());
        raw.setSoTimeout(10_000);
        return raw;
    }

    /** A ZMTP ERROR command frame: flags 0x04, size, {@code 0x05 "ERROR"}, reason length, reason. */
    private static byte[] errorCommand(String reason) {
        byte[] name = "ERROR".getBytes(StandardCharsets.US_ASCII);
        byte[] text = reason.getBytes(StandardCharsets.US_ASCII);
        int bodySize = 1 + name.length + 1 + text.length;
        return ByteBuffer.allocate(2 + bodySize)
                .put((byte) 0x04)
                .put((byte) bodySize)
                .put((byte) name.length)
                .put(name)
                .put((byte) text.length)
                .put(text)
                .array();
    }
}
