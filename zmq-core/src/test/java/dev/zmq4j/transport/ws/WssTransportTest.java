package dev.zmq4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} between zmq4j sockets, with self-signed certificates made for the test: the server's from its
 * keystore, the client trusting it through a trust store or an application's {@link SSLContext}; a client that does
 * not trust the certificate, or expects another name, is refused before any message passes, and the server serves the
 * next client all the same. Large and many messages go through TLS records both ways; CURVE runs inside TLS unchanged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WssTransportTest {
    @TempDir
    static Path certificates;

    private static TestCertificates server;
    private static TestCertificates stranger;

    private Context context;

    @BeforeAll
    static void makeCertificates() throws Exception {
        server = TestCertificates.create(certificates, "server");
        stranger = TestCertificates.create(certificates, "stranger");
    }

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    private Socket socket(SocketType type) {
        return ZmqTestSupport.socket(context, type);
    }

    private Socket tlsServer(SocketType type, TestCertificates certificate) {
        Socket socket = socket(type);
        socket.set(SocketOption.WSS_KEY_STORE, certificate.keyStore());
        socket.set(SocketOption.WSS_KEY_STORE_PASSWORD, TestCertificates.PASSWORD);
        return socket;
    }

    private Socket tlsClient(SocketType type, TestCertificates trusted) {
        Socket socket = socket(type);
        socket.set(SocketOption.WSS_TRUST_STORE, trusted.trustStore());
        socket.set(SocketOption.WSS_TRUST_STORE_PASSWORD, TestCertificates.PASSWORD);
        return socket;
    }

    @Test
    void shouldRoundTripRequestsOverTls() {
        Socket rep = tlsServer(SocketType.REP, server);
        rep.bind("wss://127.0.0.1:*/secure");
        assertThat(rep.lastEndpoint()).matches("wss://127\\.0\\.0\\.1:[1-9][0-9]*/secure");
        Socket req = tlsClient(SocketType.REQ, server);
        req.connect(rep.lastEndpoint());
        for (int i = 0; i < 100; i++) {
            assertThat(req.send("request " + i)).isTrue();
            assertThat(rep.recvString()).as("request %d", i).isEqualTo("request " + i);
            assertThat(rep.send("reply " + i)).isTrue();
            assertThat(req.recvString()).isEqualTo("reply " + i);
        }
    }

    @Test
    void shouldVerifyTheNameGivenInsteadOfTheEndpointsHost() {
        Socket rep = tlsServer(SocketType.REP, server);
        rep.bind("wss://127.0.0.1:*/");
        Socket req = tlsClient(SocketType.REQ, server);
        req.set(SocketOption.WSS_HOSTNAME, "localhost");
        req.connect(rep.lastEndpoint());
        assertThat(req.send("by name")).isTrue();
        assertThat(rep.recvString()).isEqualTo("by name");
    }

    @Test
    void shouldCarryLargeAndManyMessagesBothWays() {
        Socket router = tlsServer(SocketType.ROUTER, server);
        router.bind("wss://127.0.0.1:*/large");
        Socket dealer = tlsClient(SocketType.DEALER, server);
        dealer.set(SocketOption.ROUTING_ID, "dealer-1".getBytes());
        dealer.connect(router.lastEndpoint());
        // Bodies within one TLS record, across several, and far larger than every buffer on the way.
        for (int size : new int[] {0, 1, 125, 16_000, 16_384, 70_000, 3_000_000}) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) (size % 251));
            assertThat(dealer.send(Message.of("head".getBytes(), body))).isTrue();
            Message received = ZmqTestSupport.receiveMessage(router, "message of " + size, () -> "");
            assertThat(received.get(2)).isEqualTo(body);
            assertThat(router.send(received)).isTrue();
            Message echoed = ZmqTestSupport.receiveMessage(dealer, "echo of " + size, () -> "");
            assertThat(echoed.get(1)).isEqualTo(body);
        }
        // A stream of small messages that fills the kernel's buffers while the receiver is not reading.
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            assertThat(dealer.send(Message.of(("m" + i).getBytes()))).isTrue();
        }
        for (int i = 0; i < count; i++) {
            Message received = ZmqTestSupport.receiveMessage(router, "message " + i, () -> "");
            assertThat(new String(received.get(1))).isEqualTo("m" + i);
        }
    }

    @Test
    void shouldRefuseAClientThatDoesNotTrustTheCertificate() throws InterruptedException {
        Socket rep = tlsServer(SocketType.REP, server);
        rep.bind("wss://127.0.0.1:*/");
        BlockingQueue<SocketEvent> clientEvents = new LinkedBlockingQueue<>();
        Socket untrusting = tlsClient(SocketType.REQ, stranger);
        untrusting.set(SocketOption.RECONNECT_IVL, -1);
        untrusting.addEventListener(clientEvents::add, SocketEvent.ALL);
        untrusting.connect(rep.lastEndpoint());
        ZmqTestSupport.awaitEvent(clientEvents, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        // Queued on the client, as a request before any connection is (no IMMEDIATE), but never sent.
        assertThat(untrusting.send("never delivered")).isTrue();
        rep.set(SocketOption.RCVTIMEO, 200);
        assertThat(rep.recv()).as("nothing reached the server").isNull();

        Socket trusting = tlsClient(SocketType.REQ, server);
        trusting.connect(rep.lastEndpoint());
        assertThat(trusting.send("still served")).isTrue();
        rep.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
        assertThat(rep.recvString()).isEqualTo("still served");
    }

    @Test
    void shouldRefuseACertificateForAnotherName() throws InterruptedException {
        Socket rep = tlsServer(SocketType.REP, server);
        rep.bind("wss://127.0.0.1:*/");
        BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
        Socket req = tlsClient(SocketType.REQ, server);
        req.set(SocketOption.WSS_HOSTNAME, "quotes.example.com");
        req.set(SocketOption.RECONNECT_IVL, -1);
        req.addEventListener(events::add, SocketEvent.ALL);
        req.connect(rep.lastEndpoint());
        ZmqTestSupport.awaitEvent(events, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
    }

    @Test
    void shouldDropAPlainWebSocketClientOfATlsServer() throws InterruptedException {
        Socket rep = tlsServer(SocketType.REP, server);
        BlockingQueue<SocketEvent> serverEvents = new LinkedBlockingQueue<>();
        rep.addEventListener(serverEvents::add, SocketEvent.ALL);
        rep.bind("wss://127.0.0.1:*/");
        Socket plain = socket(SocketType.REQ);
        plain.set(SocketOption.RECONNECT_IVL, -1);
        plain.connect(rep.lastEndpoint().replace("wss://", "ws://"));
        ZmqTestSupport.awaitEvent(serverEvents, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        Socket tls = tlsClient(SocketType.REQ, server);
        tls.connect(rep.lastEndpoint());
        assertThat(tls.send("after the plain one")).isTrue();
        assertThat(rep.recvString()).isEqualTo("after the plain one");
    }

    @Test
    void shouldUseAnApplicationsSslContextOnBothSides() throws Exception {
        Socket rep = socket(SocketType.REP);
        rep.set(SocketOption.WSS_SSL_CONTEXT, serverContext(server));
        rep.bind("wss://127.0.0.1:*/context");
        Socket req = socket(SocketType.REQ);
        req.set(SocketOption.WSS_SSL_CONTEXT, clientContext(server));
        req.connect(rep.lastEndpoint());
        assertThat(req.send("through the application's TLS")).isTrue();
        assertThat(rep.recvString()).isEqualTo("through the application's TLS");
    }

    @Test
    void shouldRunCurveInsideTls() {
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        Socket rep = tlsServer(SocketType.REP, server);
        rep.set(SocketOption.CURVE_SERVER, true);
        rep.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
        rep.bind("wss://127.0.0.1:*/curve");
        Socket req = tlsClient(SocketType.REQ, server);
        req.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
        req.set(SocketOption.CURVE_PUBLICKEY, clientKeys.publicKey());
        req.set(SocketOption.CURVE_SECRETKEY, clientKeys.secretKey());
        req.connect(rep.lastEndpoint());
        assertThat(req.send("doubly secret")).isTrue();
        assertThat(rep.recvString()).isEqualTo("doubly secret");
        assertThat(rep.send("answer")).isTrue();
        assertThat(req.recvString()).isEqualTo("answer");
    }

    @Test
    void shouldRefuseABindWithoutACertificateOrWithAnUnreadableKeystore() {
        Socket bare = socket(SocketType.REP);
        assertThatThrownBy(() -> bare.bind("wss://127.0.0.1:*/"))
                .isInstanceOfSatisfying(
                        ZmqException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EINVAL))
                .hasMessageContaining("WSS_KEY_STORE");
        Socket missing = socket(SocketType.REP);
        missing.set(
                SocketOption.WSS_KEY_STORE, certificates.resolve("absent.p12").toString());
        assertThatThrownBy(() -> missing.bind("wss://127.0.0.1:*/"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("absent.p12");
        Socket wrongPassword = socket(SocketType.REP);
        wrongPassword.set(SocketOption.WSS_KEY_STORE, server.keyStore());
        wrongPassword.set(SocketOption.WSS_KEY_STORE_PASSWORD, "not the password");
        assertThatThrownBy(() -> wrongPassword.bind("wss://127.0.0.1:*/"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("WSS_KEY_STORE");
        Socket badTrust = socket(SocketType.REQ);
        badTrust.set(
                SocketOption.WSS_TRUST_STORE,
                certificates.resolve("absent-trust.p12").toString());
        assertThatThrownBy(() -> badTrust.connect("wss://127.0.0.1:5555/"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("WSS_TRUST_STORE");
    }

    private static SSLContext serverContext(TestCertificates certificate) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(certificate.keyStore()), TestCertificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext(TestCertificates certificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(certificate.trustStore()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path)) {
            store.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return store;
    }
}
