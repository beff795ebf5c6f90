package dev.zmq4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Own;
import dev.zmq4j.engine.Engine;
import dev.zmq4j.engine.RawEngine;
import dev.zmq4j.engine.RecordingEvents;
import dev.zmq4j.engine.ZmtpEngine;
import dev.zmq4j.io.SteppedLoop;
import dev.zmq4j.transport.tcp.TcpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connecter on its own, on a loop stepped by hand: it connects, hands the right engine to its session and ends;
 * a refused connection is retried after a back-off that grows from RECONNECT_IVL to RECONNECT_IVL_MAX, with jitter.
 */
class StreamConnecterTest {
    private final SteppedLoop loop = new SteppedLoop("connecter-under-test");
    private final RecordingEvents events = new RecordingEvents();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        loop.close();
    }

    @Test
    void shouldHandAZmtpEngineToTheSessionOnceConnectedAndEnd() throws IOException {
        ServerSocketChannel server = listening();
        SessionStandIn session = new SessionStandIn(options(SocketType.DEALER));

        session.connect(address(server), events);
        loop.runUntil(() -> session.engine != null, "the engine to be attached");

        assertThat(session.engine).isInstanceOf(ZmtpEngine.class);
        assertThat(events.types()).endsWith(SocketEvent.Type.CONNECTED);
        SocketChannel accepted = server.accept();
        toClose.add(accepted);
        assertThat(accepted).as("a real connection reached the listener").isNotNull();
    }

    @Test
    void shouldHandARawEngineToAStreamSession() throws IOException {
        ServerSocketChannel server = listening();
        SessionStandIn session = new SessionStandIn(options(SocketType.STREAM));

        session.connect(address(server), events);
        loop.runUntil(() -> session.engine != null, "the engine to be attached");

        assertThat(session.engine).isInstanceOf(RawEngine.class);
    }

    @Test
    void shouldRetryARefusedConnectionWithAGrowingBackoff() throws IOException {
        TcpAddress refused = address(closedPort());
        Options options = options(SocketType.DEALER);
        options.reconnectInterval = 10;
        options.reconnectIntervalMax = 40;
        SessionStandIn session = new SessionStandIn(options);

        session.connect(refused, events);
        loop.runUntil(() -> retries().size() >= 4, "four CONNECT_RETRIED events");

        List<Integer> delays = retries();
        // Each delay is the current interval plus a jitter below RECONNECT_IVL; the interval doubles up to the max.
        assertThat(delays.get(0)).isBetween(10, 19);
        assertThat(delays.get(1)).isBetween(20, 29);
        assertThat(delays.get(2)).isBetween(40, 49);
        assertThat(delays.get(3)).isBetween(40, 49);
        assertThat(session.engine).isNull();
        assertThat(events.types()).contains(SocketEvent.Type.CLOSED);
    }

    @Test
    void shouldNotRetryWhenReconnectIvlIsNegative() throws IOException {
        Options options = options(SocketType.DEALER);
        options.reconnectInterval = -1;
        SessionStandIn session = new SessionStandIn(options);

        session.connect(address(closedPort()), events);
        loop.runUntil(() -> events.types().contains(SocketEvent.Type.CLOSED), "the refused attempt to close");
        loop.runPending();

        assertThat(retries()).isEmpty();
        assertThat(session.engine).isNull();
    }

    @Test
    void shouldStartTheBackoffAgainAfterAReset() {
        Options options = options(SocketType.DEALER);
        options.reconnectInterval = 100;
        options.reconnectIntervalMax = 1_000;
        StreamConnecter.Backoff backoff = new StreamConnecter.Backoff(options);

        assertThat(backoff.next()).isBetween(100, 199);
        assertThat(backoff.next()).isBetween(200, 299);
        assertThat(backoff.next()).isBetween(400, 499);
        assertThat(backoff.next()).isBetween(800, 899);
        assertThat(backoff.next()).isBetween(1_000, 1_099);
        backoff.reset();
        assertThat(backoff.next()).isBetween(100, 199);
    }

    @Test
    void shouldKeepTheIntervalWithoutAMaximum() {
        Options options = options(SocketType.DEALER);
        options.reconnectInterval = 50;
        StreamConnecter.Backoff backoff = new StreamConnecter.Backoff(options);

        for (int i = 0; i < 5; i++) {
            assertThat(backoff.next()).isBetween(50, 99);
        }
    }

    private List<Integer> retries() {
        return events.all().stream()
                .filter(event -> event.type() == SocketEvent.Type.CONNECT_RETRIED)
                .map(SocketEvent::value)
                .toList();
    }

    private ServerSocketChannel listening() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        toClose.add(server);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    /** A port nobody listens on: bound, then closed. */
    private static ServerSocketChannel closedPort() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.close();
        return server;
    }

    private static TcpAddress address(ServerSocketChannel server) {
        int port = server.socket().getLocalPort();
        String hostAndPort = "127.0.0.1:" + port;
        return TcpAddress.forConnect("tcp://" + hostAndPort, hostAndPort);
    }

    private static Options options(SocketType type) {
        Options options = new Options();
        options.type = type;
        return options;
    }

    /** Stands in for the session: owns the connecter on the same loop and records the engine it is given. */
    private final class SessionStandIn extends Own {
        Engine engine;

        SessionStandIn(Options options) {
            super(loop.thread(), options);
        }

        StreamConnecter connect(StreamAddress address, RecordingEvents sink) {
            StreamConnecter connecter = new StreamConnecter(
                    loop.thread(), this, sink, options, address, false, new StreamConnecter.Backoff(options));
            launchChild(connecter);
            return connecter;
        }

        @Override
        protected void processAttach(Engine engine) {
            this.engine = engine;
            // Never plugged: the test only looks at it, then closes its connection.
            toClose.add(engine::terminate);
        }

        @Override
        protected void processDestroy() {}
    }
}
