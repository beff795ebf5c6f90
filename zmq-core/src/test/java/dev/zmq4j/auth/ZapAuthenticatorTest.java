package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ready-made authenticator with real PLAIN, CURVE and NULL handshakes over tcp: czmq zauth's rules, and what a
 * client's messages then carry.
 */
class ZapAuthenticatorTest {
    private static final int WAIT_MS = 10_000;
    private static final int NOT_ARRIVING_MS = 250;

    private final Context context = Context.create();
    private final ZapAuthenticator auth = ZapAuthenticator.start(context);
    private final CurveKeyPair serverKeys = CurveKeyPair.generate();

    @TempDir
    Path directory;

    @AfterEach
    void close() {
        auth.close();
        context.close();
    }

    private Socket server(Consumer<Socket> security) {
        Socket server = context.socket(SocketType.PULL);
        server.set(SocketOption.LINGER, 0);
        server.set(SocketOption.RCVTIMEO, WAIT_MS);
        security.accept(server);
        server.bind("tcp://127.0.0.1:*");
        return server;
    }

    private Socket client(Socket server, Consumer<Socket> security) {
        Socket client = context.socket(SocketType.PUSH);
        client.set(SocketOption.LINGER, 0);
        security.accept(client);
        client.connect(server.lastEndpoint());
        return client;
    }

    /** Sends one message and says whether it got through; a refused peer never completes its handshake. */
    private static Message through(Socket client, Socket server, boolean expected) {
        client.send("hello", Socket.DONTWAIT);
        server.set(SocketOption.RCVTIMEO, expected ? WAIT_MS : NOT_ARRIVING_MS);
        Message received = server.recvMessage();
        assertThat(received != null).as(expected ? "let in" : "kept out").isEqualTo(expected);
        return received;
    }

    private static void plainServer(Socket socket) {
        socket.set(SocketOption.PLAIN_SERVER, true);
    }

    private static Consumer<Socket> plainClient(String user, String password) {
        return socket -> {
            socket.set(SocketOption.PLAIN_USERNAME, user);
            socket.set(SocketOption.PLAIN_PASSWORD, password);
        };
    }

    private void curveServer(Socket socket) {
        socket.set(SocketOption.CURVE_SERVER, true);
        socket.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
    }

    private Consumer<Socket> curveClient(CurveKeyPair keys) {
        return socket -> {
            socket.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
            socket.set(SocketOption.CURVE_PUBLICKEY, keys.publicKey());
            socket.set(SocketOption.CURVE_SECRETKEY, keys.secretKey());
        };
    }

    @Test
    void shouldLetInPlainUsersFromAMapWithTheirNameAsUserId() {
        auth.plainUsers(Map.of("admin", "secret"));
        Socket server = server(ZapAuthenticatorTest::plainServer);

        Message received = through(client(server, plainClient("admin", "secret")), server, true);
        assertThat(received.property("User-Id")).isEqualTo("admin");
        through(client(server, plainClient("admin", "guess")), server, false);
    }

    @Test
    void shouldReadThePasswordFileAgainWhenItChanges() throws Exception {
        Path file = directory.resolve("passwords");
        Files.write(file, List.of("# users", "=nobody", "no equals sign", "alice=one=two"));
        auth.plainPasswordFile(file);
        Socket server = server(ZapAuthenticatorTest::plainServer);
        through(client(server, plainClient("alice", "one=two")), server, true);

        Files.write(file, List.of("bob=builder"));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        through(client(server, plainClient("alice", "one=two")), server, false);
        through(client(server, plainClient("bob", "builder")), server, true);
    }

    @Test
    void shouldRefusePlainWhenThePasswordFileIsMissing() {
        auth.plainPasswordFile(directory.resolve("absent"));
        Socket server = server(ZapAuthenticatorTest::plainServer);
        through(client(server, plainClient("alice", "x")), server, false);
    }

    @Test
    void shouldLetInCurveKeysFromAListWithTheKeyAsUserId() {
        CurveKeyPair allowed = CurveKeyPair.generate();
        auth.curveKeys(List.of(allowed.publicKeyZ85()));
        Socket server = server(this::curveServer);

        Message received = through(client(server, curveClient(allowed)), server, true);
        assertThat(received.property("User-Id")).isEqualTo(allowed.publicKeyZ85());
        through(client(server, curveClient(CurveKeyPair.generate())), server, false);
    }

    @Test
    void shouldLetInCurveClientsWithACertificateAndReturnItsMetadata() throws Exception {
        Path clients = directory.resolve("clients");
        Files.createDirectories(clients);
        CurveCertificate alice = CurveCertificate.generate().withMetadata("Hello", "World!");
        alice.save(clients.resolve("alice.cert"));
        auth.curveCertificates(clients);
        Socket server = server(this::curveServer);

        Message received = through(client(server, curveClient(alice.keyPair())), server, true);
        assertThat(received.property("Hello")).isEqualTo("World!");
        assertThat(received.property("User-Id")).isEqualTo(alice.publicKeyZ85());

        CurveCertificate bob = CurveCertificate.generate();
        through(client(server, curveClient(bob.keyPair())), server, false);
        bob.savePublic(clients.resolve("bob.cert"));
        Files.setLastModifiedTime(clients, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        through(client(server, curveClient(bob.keyPair())), server, true);
    }

    @Test
    void shouldLetInAnyCurveKeyWhenAskedTo() {
        auth.curveAllowAny();
        Socket server = server(this::curveServer);
        through(client(server, curveClient(CurveKeyPair.generate())), server, true);
    }

    @Test
    void shouldRefusePlainAndCurveWithNoPolicyButLetNullIn() {
        Socket plain = server(ZapAuthenticatorTest::plainServer);
        through(client(plain, plainClient("admin", "secret")), plain, false);
        Socket curve = server(this::curveServer);
        through(client(curve, curveClient(CurveKeyPair.generate())), curve, false);
        Socket open = server(socket -> socket.set(SocketOption.ZAP_DOMAIN, "global"));
        through(client(open, socket -> {}), open, true);
    }

    @Test
    void shouldApplyTheAllowListBeforeTheDenyListAndKeepEveryoneElseOut() {
        Socket server = server(socket -> socket.set(SocketOption.ZAP_DOMAIN, "global"));
        auth.deny("127.0.0.1");
        through(client(server, socket -> {}), server, false);

        auth.allow("127.0.0.1");
        through(client(server, socket -> {}), server, true);
    }

    @Test
    void shouldKeepOutAnAddressNotOnTheAllowListWhateverItsPassword() {
        auth.allow("10.9.8.7").plainUsers(Map.of("admin", "secret"));
        Socket server = server(ZapAuthenticatorTest::plainServer);
        through(client(server, plainClient("admin", "secret")), server, false);
    }

    @Test
    void shouldAnswerAMalformedRequestWith500AndCarryOn() {
        Socket req = context.socket(SocketType.REQ);
        req.set(SocketOption.RCVTIMEO, WAIT_MS);
        req.connect(ZapAuthenticator.ENDPOINT);
        req.send(Message.of("0.9", "7"));
        Message reply = req.recvMessage();
        assertThat(reply.getString(1)).isEqualTo("7");
        assertThat(reply.getString(2)).isEqualTo("500");

        req.send(Message.of("1.0", "8", "domain", "127.0.0.1", "", "NULL"));
        assertThat(req.recvMessage().getString(2)).isEqualTo("200");
        req.close();
    }

    @Test
    void shouldRefuseASecondAuthenticatorInTheSameContext() {
        assertThatThrownBy(() -> ZapAuthenticator.start(context))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("already has a ZAP handler")
                .extracting(e -> ((ZmqException) e).code())
                .isEqualTo(ErrorCode.EADDRINUSE);
    }

    @Test
    void shouldStopWithinItsBoundAndTwiceWithoutHarm() {
        auth.close();
        auth.close();
        try (ZapAuthenticator again = ZapAuthenticator.start(context)) {
            assertThat(again).as("the endpoint is free again").isNotNull();
        }
    }

    @Test
    void shouldTakePolicyChangesFromAnotherThreadWhileRequestsFlow() throws Exception {
        Socket server = server(ZapAuthenticatorTest::plainServer);
        Thread changer = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                auth.plainUsers(Map.of("admin", "secret", "user" + i, "x"));
            }
        });
        changer.start();
        for (int i = 0; i < 5; i++) {
            through(client(server, plainClient("admin", "secret")), server, true);
        }
        changer.join(WAIT_MS);
        assertThat(changer.isAlive()).isFalse();
        assertThat(new String("ok".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo("ok");
    }
}
