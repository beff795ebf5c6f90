package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ScriptedLibzmqPeer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ZMTP 3.1 heartbeats: PINGs go out, PINGs are answered, and a silent peer loses its connection. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeartbeatTest {
    private final Context context = Context.create();

    @AfterEach
    void closeContext() {
        context.close();
    }

    /** A raw server posing as a ROUTER: accepts zmq4j's connection and completes the handshake. */
    private static java.net.Socket acceptHandshaken(ServerSocket server) throws IOException {
        java.net.Socket raw = server.accept();
        raw.setSoTimeout(5000);
        OutputStream out = raw.getOutputStream();
        out.write(RawZmtp.nullGreeting());
        out.write(RawZmtp.ready("ROUTER"));
        out.flush();
        InputStream in = raw.getInputStream();
        RawZmtp.readNullGreeting(in);
        RawZmtp.readReady(in);
        return raw;
    }

    @Test
    void shouldSendPingsAndDropAPeerThatStopsAnswering() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Socket dealer = context.socket(SocketType.DEALER);
            dealer.set(SocketOption.LINGER, 0);
            dealer.set(SocketOption.HEARTBEAT_IVL, 100);
            dealer.set(SocketOption.HEARTBEAT_TTL, 2500);
            dealer.set(SocketOption.HEARTBEAT_TIMEOUT, 300);
            dealer.set(SocketOption.RECONNECT_IVL, 50);
            dealer.connect("tcp://127.0.0.1:" + server.getLocalPort());
            try (java.net.Socket raw = acceptHandshaken(server)) {
                byte[] ping = RawZmtp.readCommand(raw.getInputStream());
                assertThat(new String(ping, 1, 4, StandardCharsets.US_ASCII)).isEqualTo("PING");
                assertThat(((ping[5] & 0xFF) << 8) | (ping[6] & 0xFF))
                        .as("TTL in deciseconds")
                        .isEqualTo(25);
                // The raw peer never answers: zmq4j gives up on it after HEARTBEAT_TIMEOUT...
                RawZmtp.assertClosedByRemote(raw, Duration.ofSeconds(5), "after PINGs went unanswered");
            }
            // ...and, as a connecting socket, reconnects.
            server.setSoTimeout(5000);
            try (java.net.Socket again = acceptHandshaken(server)) {
                assertThat(again.isConnected()).isTrue();
            }
        }
    }

    @Test
    void shouldAnswerPingsAndHonourThePeersTtl() throws IOException {
        Socket router = context.socket(SocketType.ROUTER);
        router.set(SocketOption.LINGER, 0);
        router.bind("tcp://127.0.0.1:*");
        int port = Integer.parseInt(
                router.lastEndpoint().substring(router.lastEndpoint().lastIndexOf(':') + 1));
        try (java.net.Socket raw = new java.net.Socket()) {
            raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            raw.setSoTimeout(5000);
            OutputStream out = raw.getOutputStream();
            out.write(RawZmtp.nullGreeting());
            out.write(RawZmtp.ready("DEALER"));
            // PING: TTL 3 deciseconds (300 ms), context "abc".
            out.write(new byte[] {0x04, 10, 4, 'P', 'I', 'N', 'G', 0, 3, 'a', 'b', 'c'});
            out.flush();
            InputStream in = raw.getInputStream();
            RawZmtp.readNullGreeting(in);
            RawZmtp.readReady(in);
            byte[] pong = RawZmtp.readCommand(in);
            assertThat(new String(pong, 1, pong.length - 1, StandardCharsets.US_ASCII))
                    .isEqualTo("PONGabc");
            // Now silent: zmq4j must drop the connection once the TTL of 300 ms has passed.
            RawZmtp.assertClosedByRemote(raw, Duration.ofSeconds(5), "after the peer's PING TTL expired");
        }
    }

    @Test
    void shouldDropASuspendedLibzmqPeerThatNoLongerAnswersPings() throws InterruptedException {
        Socket router = context.socket(SocketType.ROUTER);
        router.set(SocketOption.LINGER, 0);
        router.set(SocketOption.RCVTIMEO, 5000);
        router.set(SocketOption.HEARTBEAT_IVL, 100);
        router.set(SocketOption.HEARTBEAT_TIMEOUT, 500);
        java.util.concurrent.BlockingQueue<SocketEvent> disconnects = new java.util.concurrent.LinkedBlockingQueue<>();
        router.addEventListener(disconnects::add, SocketEvent.Type.DISCONNECTED.code());
        router.bind("tcp://127.0.0.1:*");
        try (ScriptedLibzmqPeer peer = ScriptedLibzmqPeer.connected("dealer-script", router.lastEndpoint())) {
            peer.send("hello");
            assertThat(router.recvMessage()).as("first message from libzmq").isNotNull();
            assertThat(disconnects).isEmpty();
            // Suspended, libzmq keeps the TCP connection open but answers no PING: only heartbeats can tell.
            peer.suspend(true);
            try {
                SocketEvent disconnected = disconnects.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(disconnected)
                        .as("DISCONNECTED for the silent libzmq peer" + peer.diagnostics())
                        .isNotNull();
                assertThat(disconnected.endpoint()).isEqualTo(router.lastEndpoint());
            } finally {
                peer.suspend(false);
            }
        }
    }

    @Test
    void shouldDropASuspendedBoundLibzmqPeerAndTryToReconnect() throws InterruptedException {
        try (ScriptedLibzmqPeer peer = ScriptedLibzmqPeer.bound("dealer-script")) {
            Socket dealer = context.socket(SocketType.DEALER);
            dealer.set(SocketOption.LINGER, 0);
            dealer.set(SocketOption.HEARTBEAT_IVL, 100);
            dealer.set(SocketOption.HEARTBEAT_TIMEOUT, 500);
            java.util.concurrent.BlockingQueue<SocketEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
            dealer.addEventListener(
                    events::add, SocketEvent.Type.DISCONNECTED.code() | SocketEvent.Type.CONNECT_RETRIED.code());
            dealer.connect(peer.endpoint());
            assertThat(dealer.send("hello")).isTrue();
            assertThat(peer.receive(Duration.ofSeconds(10)))
                    .as("libzmq received the first message")
                    .isNotNull();
            // Suspended, the bound libzmq peer keeps the connection open but answers no PING.
            peer.suspend(true);
            try {
                SocketEvent disconnected = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(disconnected)
                        .as("DISCONNECTED for the silent libzmq peer" + peer.diagnostics())
                        .isNotNull()
                        .extracting(SocketEvent::type)
                        .isEqualTo(SocketEvent.Type.DISCONNECTED);
                SocketEvent retried = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(retried)
                        .as("a connecting socket schedules a reconnect")
                        .isNotNull()
                        .extracting(SocketEvent::type)
                        .isEqualTo(SocketEvent.Type.CONNECT_RETRIED);
            } finally {
                peer.suspend(false);
            }
        }
    }

    @Test
    void shouldKeepALibzmqPeerWithHeartbeatsConnected() {
        Socket router = context.socket(SocketType.ROUTER);
        router.set(SocketOption.LINGER, 0);
        router.set(SocketOption.RCVTIMEO, 5000);
        router.bind("tcp://127.0.0.1:*");
        try (ScriptedLibzmqPeer peer = ScriptedLibzmqPeer.connected(
                "dealer-script", router.lastEndpoint(), "--heartbeat-ivl", "100", "--heartbeat-timeout", "1000")) {
            peer.send("first");
            Message first = router.recvMessage();
            assertThat(first).as("first message from libzmq").isNotNull();
            // Idle for 2.5 times libzmq's heartbeat timeout: only answered PINGs keep the connection. (The
            // margin is wide so that a slow machine cannot make zmq4j look silent.)
            router.set(SocketOption.RCVTIMEO, 2500);
            assertThat(router.recvMessage()).isNull();
            router.set(SocketOption.RCVTIMEO, 5000);
            peer.send("second");
            Message second = router.recvMessage();
            assertThat(second).as("second message from libzmq").isNotNull();
            assertThat(second.get(0))
                    .as("same connection, so the same generated routing id")
                    .isEqualTo(first.get(0));
            router.send(Message.of(second.get(0), "reply".getBytes(StandardCharsets.UTF_8)));
            List<byte[]> reply = peer.receive(Duration.ofSeconds(5));
            assertThat(reply).isNotNull();
            assertThat(new String(reply.get(0), StandardCharsets.UTF_8)).isEqualTo("reply");
        }
    }
}
