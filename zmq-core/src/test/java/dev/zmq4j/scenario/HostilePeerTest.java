package dev.zmq4j.scenario;

import static dev.zmq4j.interop.ZmqTestSupport.receiveMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.LibzmqPeer;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A zmq4j PULL bound on tcp serves a real PUSH peer (zmq4j or libzmq) while raw {@link java.net.Socket}s
 * misbehave against the same endpoint: each bad connection must be closed, and only that connection, so the real
 * peer's messages keep arriving. A control test with well-formed hand-built bytes proves the raw peer's
 * handshake is right, so the hostile cases fail for the reason they claim.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostilePeerTest {
    private static final long MAX_MESSAGE_SIZE = 1024;
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);
    private static final long RANDOM_SEED = 0x5EED_2024L;

    private Context context;
    private Socket pull;
    private String endpoint;

    /** The well-behaved peer that must keep being served. */
    enum RealPeer {
        ZMQ4J,
        LIBZMQ
    }

    @BeforeEach
    void bindPull() {
        context = Context.create();
        pull = ZmqTestSupport.socket(context, SocketType.PULL);
        pull.set(SocketOption.MAXMSGSIZE, MAX_MESSAGE_SIZE);
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    @ParameterizedTest
    @EnumSource(RealPeer.class)
    void shouldAcceptHandBuiltZmtpPeerAsControl(RealPeer kind) throws IOException {
        bind();
        try (Sender real = connectRealPeer(kind)) {
            expectServed(real, "before");
            try (java.net.Socket raw = connectRaw()) {
                handshakeAsPush(raw);
                raw.getOutputStream().write(RawZmtp.shortMessage(ascii("from the raw peer")));
                raw.getOutputStream().flush();
                Message message = receiveMessage(pull, "the raw peer's message", real::diagnostics);
                assertThat(message.getString(0))
                        .as("message from the hand-built ZMTP peer")
                        .isEqualTo("from the raw peer");
            }
            expectServed(real, "after");
        }
    }

    /**
     * Pure random bytes: the first byte is not 0xFF, so this is no ZMTP 3.x greeting. zmq4j speaks ZMTP 3.x only
     * and must close. (libzmq 4.3 and JeroMQ would take such a peer for ZMTP 1.0 and keep it: libzmq even
     * delivers the garbage as messages; zmq4j deliberately does not support 1.0.)
     */
    @ParameterizedTest
    @EnumSource(RealPeer.class)
    void shouldCloseConnectionSendingRandomBytesAndKeepServingRealPeer(RealPeer kind) throws IOException {
        bind();
        try (Sender real = connectRealPeer(kind)) {
            expectServed(real, "before");
            try (java.net.Socket raw = connectRaw()) {
                byte[] garbage = new byte[2048];
                new Random(RANDOM_SEED).nextBytes(garbage);
                writeTolerantly(raw, garbage);
                RawZmtp.assertClosedByRemote(raw, CLOSE_LIMIT, "after 2048 random bytes (seed " + RANDOM_SEED + ")");
            }
            expectServed(real, "after");
        }
    }

    /**
     * A valid ZMTP 3.1 signature and version followed by random bytes (a garbage mechanism name): every ZMTP 3
     * implementation must close this one (libzmq 4.3 resets it at once).
     */
    @ParameterizedTest
    @EnumSource(RealPeer.class)
    void shouldCloseConnectionSendingRandomBytesAfterValidSignatureAndKeepServingRealPeer(RealPeer kind)
            throws IOException {
        bind();
        try (Sender real = connectRealPeer(kind)) {
            expectServed(real, "before");
            try (java.net.Socket raw = connectRaw()) {
                byte[] bytes = new byte[2048];
                new Random(RANDOM_SEED).nextBytes(bytes);
                System.arraycopy(RawZmtp.nullGreeting(), 0, bytes, 0, 12); // signature, version 3.1
                writeTolerantly(raw, bytes);
                RawZmtp.assertClosedByRemote(
                        raw, CLOSE_LIMIT, "after a ZMTP 3.1 signature and random bytes (seed " + RANDOM_SEED + ")");
            }
            expectServed(real, "after");
        }
    }

    @ParameterizedTest
    @EnumSource(RealPeer.class)
    void shouldCloseConnectionAnnouncingFrameAboveMaxMsgSizeAndKeepServingRealPeer(RealPeer kind) throws IOException {
        bind();
        try (Sender real = connectRealPeer(kind)) {
            expectServed(real, "before");
            try (java.net.Socket raw = connectRaw()) {
                handshakeAsPush(raw);
                OutputStream out = raw.getOutputStream();
                out.write(RawZmtp.longMessageHeader(1L << 30)); // 1 GiB announced, MAXMSGSIZE is 1024
                writeTolerantly(raw, new byte[1024]);
                RawZmtp.assertClosedByRemote(
                        raw, CLOSE_LIMIT, "after a 1 GiB frame was announced with MAXMSGSIZE " + MAX_MESSAGE_SIZE);
            }
            expectServed(real, "after");
        }
    }

    @ParameterizedTest
    @EnumSource(RealPeer.class)
    void shouldCloseSilentConnectionAfterHandshakeIntervalAndKeepServingRealPeer(RealPeer kind) throws IOException {
        pull.set(SocketOption.HANDSHAKE_IVL, 200);
        bind();
        try (Sender real = connectRealPeer(kind)) {
            expectServed(real, "before");
            try (java.net.Socket raw = connectRaw()) {
                expectServed(real, "while a silent connection is pending");
                // The default HANDSHAKE_IVL is 30 s: closing within CLOSE_LIMIT shows the 200 ms setting applied.
                RawZmtp.assertClosedByRemote(raw, CLOSE_LIMIT, "that stayed silent past HANDSHAKE_IVL 200 ms");
            }
            expectServed(real, "after");
        }
    }

    private void bind() {
        pull.bind("tcp://127.0.0.1:*");
        endpoint = pull.lastEndpoint();
    }

    private java.net.Socket connectRaw() throws IOException {
        URI uri = URI.create(endpoint);
        java.net.Socket raw = new java.net.Socket();
        raw.connect(new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort()), 5000);
        raw.setSoTimeout((int) CLOSE_LIMIT.toMillis());
        return raw;
    }

    /** Greeting and READY as a PUSH, then reads zmq4j's greeting and READY: the handshake is complete. */
    private static void handshakeAsPush(java.net.Socket raw) throws IOException {
        OutputStream out = raw.getOutputStream();
        out.write(RawZmtp.nullGreeting());
        out.write(RawZmtp.ready("PUSH"));
        out.flush();
        InputStream in = raw.getInputStream();
        RawZmtp.readNullGreeting(in);
        RawZmtp.readReady(in);
    }

    /** Writes, ignoring a write failure: zmq4j may already have closed the connection, which is what we test. */
    private static void writeTolerantly(java.net.Socket raw, byte[] bytes) {
        try {
            raw.getOutputStream().write(bytes);
            raw.getOutputStream().flush();
        } catch (IOException closedAlready) {
            // checked by assertClosedByRemote
        }
    }

    private void expectServed(Sender real, String text) {
        real.send(text);
        Message message = receiveMessage(pull, "'" + text + "' from the real " + real, real::diagnostics);
        assertThat(message.getString(0)).as("message from the real peer").isEqualTo(text);
    }

    private Sender connectRealPeer(RealPeer kind) {
        return kind == RealPeer.ZMQ4J ? new Zmq4jSender(endpoint) : new LibzmqSender(endpoint);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A real PUSH peer. */
    private interface Sender extends AutoCloseable {
        void send(String text);

        String diagnostics();

        @Override
        void close();
    }

    /** A zmq4j PUSH in its own context. */
    private static final class Zmq4jSender implements Sender {
        private final Context senderContext = Context.create();
        private final Socket push;

        Zmq4jSender(String endpoint) {
            push = ZmqTestSupport.socket(senderContext, SocketType.PUSH);
            push.connect(endpoint);
        }

        @Override
        public void send(String text) {
            assertThat(push.send(text)).as("zmq4j PUSH sent '%s'", text).isTrue();
        }

        @Override
        public String diagnostics() {
            return "";
        }

        @Override
        public void close() {
            ZmqTestSupport.runBounded("sender Context.close()", Duration.ofSeconds(10), senderContext::close);
        }

        @Override
        public String toString() {
            return "zmq4j PUSH";
        }
    }

    /** A libzmq PUSH ({@code zmq_peer.py push-stdin}) sending each line the test writes to it. */
    private static final class LibzmqSender implements Sender {
        private final LibzmqPeer peer;

        LibzmqSender(String endpoint) {
            peer = LibzmqPeer.connected("push-stdin", endpoint, "--count", "100", "--timeout-ms", "10000");
        }

        @Override
        public void send(String text) {
            peer.sendLine(text);
            peer.awaitLine("SENT", LibzmqPeer.DEFAULT_WAIT);
        }

        @Override
        public String diagnostics() {
            return peer.diagnostics();
        }

        @Override
        public void close() {
            peer.close();
        }

        @Override
        public String toString() {
            return "libzmq PUSH";
        }
    }
}
