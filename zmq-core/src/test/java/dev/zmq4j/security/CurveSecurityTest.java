package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * CURVE between zmq4j sockets and against a hand-driven client: libzmq's tests/test_security_curve.cpp case for
 * case (15 cases and the 2 extra), with the events libzmq expects on the server.
 */
class CurveSecurityTest {
    private static final String NULL_KEY = "0".repeat(40);

    private final CurveKeyPair serverKeys = CurveKeyPair.generate();
    private final CurveKeyPair clientKeys = CurveKeyPair.generate();

    private void curveServer(Socket server) {
        server.set(SocketOption.CURVE_SERVER, true);
        server.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
        server.set(SocketOption.ZAP_DOMAIN, "test");
    }

    private Consumer<Socket> curveClient(byte[] serverKey, byte[] publicKey, byte[] secretKey) {
        return client -> {
            client.set(SocketOption.CURVE_SERVERKEY, serverKey);
            client.set(SocketOption.CURVE_PUBLICKEY, publicKey);
            client.set(SocketOption.CURVE_SECRETKEY, secretKey);
        };
    }

    private Consumer<Socket> validClient() {
        return curveClient(serverKeys.publicKey(), clientKeys.publicKey(), clientKeys.secretKey());
    }

    private SecurityFixture fixture() {
        return new SecurityFixture(this::curveServer);
    }

    private ZapHandler zap(SecurityFixture fixture) {
        return ZapHandler.start(fixture.context, ZapHandler.Mode.OK, null, null, clientKeys.publicKey());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldWorkWithValidCredentials() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            SecurityFixture.Events clientEvents = new SecurityFixture.Events("client");
            Message received = fixture.bounce(fixture.client(validClient(), clientEvents));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_SUCCEEDED, 0);
            clientEvents.expect(SocketEvent.Type.HANDSHAKE_SUCCEEDED, 0);
            assertThat(received.property("User-Id")).isEqualTo(ZapHandler.USER_ID);
            Message request = zap.requests().get(0);
            assertThat(request.getString(5)).isEqualTo("CURVE");
            assertThat(request.get(6)).as("the client's long-term key").isEqualTo(clientKeys.publicKey());
        }
    }

    @Test
    void shouldFailCryptographicallyWithANullServerKey() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            fixture.expectBounceFails(
                    fixture.client(curveClient(ascii(NULL_KEY), clientKeys.publicKey(), clientKeys.secretKey()), null));

            fixture.serverEvents.expect(
                    SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
        }
    }

    @Test
    void shouldFailCryptographicallyWithANullClientPublicKey() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            fixture.expectBounceFails(
                    fixture.client(curveClient(serverKeys.publicKey(), ascii(NULL_KEY), clientKeys.secretKey()), null));

            fixture.serverEvents.expect(
                    SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
        }
    }

    @Test
    void shouldFailCryptographicallyWithANullClientSecretKey() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            fixture.expectBounceFails(
                    fixture.client(curveClient(serverKeys.publicKey(), clientKeys.publicKey(), ascii(NULL_KEY)), null));

            fixture.serverEvents.expect(
                    SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
        }
    }

    @Test
    void shouldRefuseAnUnknownClientKeyWithTheZapStatusOnBothSides() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            CurveKeyPair bogus = CurveKeyPair.generate();
            SecurityFixture.Events clientEvents = new SecurityFixture.Events("client");
            fixture.expectBounceFails(fixture.client(
                    curveClient(serverKeys.publicKey(), bogus.publicKey(), bogus.secretKey()), clientEvents));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
            clientEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
        }
    }

    @Test
    void shouldRefuseANullClientWithAMechanismMismatch() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            fixture.expectBounceFails(fixture.client(client -> {}, null));

            fixture.serverEvents.expect(
                    SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH);
            assertThat(zap.requests()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAPlainClientWithAMechanismMismatch() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            fixture.expectBounceFails(fixture.client(
                    client -> {
                        client.set(SocketOption.PLAIN_USERNAME, "admin");
                        client.set(SocketOption.PLAIN_PASSWORD, "password");
                    },
                    null));

            fixture.serverEvents.expect(
                    SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH);
            assertThat(zap.requests()).isEmpty();
        }
    }

    @Test
    void shouldPassNothingFromAnUnauthenticatedZmtp10Peer() throws Exception {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            fixture.expectNothingFromAZmtp10Peer();
        }
    }

    /** Sends {@code body} as the client's first command and expects the server's event. */
    private void expectHelloRefused(java.util.function.Function<RawCurveClient, byte[]> body, int code)
            throws Exception {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture);
                RawCurveClient raw = new RawCurveClient(fixture.endpoint, serverKeys.publicKey(), clientKeys)) {
            raw.greet().sendCommand(body.apply(raw));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, code);
        }
    }

    @Test
    void shouldRefuseAHelloOfTheWrongLength() throws Exception {
        expectHelloRefused(raw -> ascii("\u0005HELLO"), SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO);
    }

    @Test
    void shouldRefuseAHelloWithAnotherCommandName() throws Exception {
        expectHelloRefused(
                raw -> RawCurveClient.corrupt(raw.hello(), 5, (byte) 'X'),
                SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
    }

    @Test
    void shouldRefuseAHelloOfAnotherVersion() throws Exception {
        expectHelloRefused(
                raw -> RawCurveClient.corrupt(raw.hello(), 6, (byte) 2),
                SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO);
    }

    @Test
    void shouldRefuseAHelloWhoseBoxDoesNotOpen() throws Exception {
        expectHelloRefused(raw -> RawCurveClient.flip(raw.hello(), 150), SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
    }

    /** Completes HELLO and WELCOME, then sends {@code initiate} (given the valid one) and expects the event. */
    private void expectInitiateRefused(java.util.function.UnaryOperator<byte[]> initiate, int code) throws Exception {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture);
                RawCurveClient raw = new RawCurveClient(fixture.endpoint, serverKeys.publicKey(), clientKeys)) {
            raw.greet().sendCommand(raw.hello());
            byte[] valid = raw.initiateAfterWelcome();
            assertThat(fixture.serverEvents.drain())
                    .as("no event before INITIATE")
                    .noneMatch(e -> e.type().name().startsWith("HANDSHAKE"));

            raw.sendCommand(initiate.apply(valid));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, code);
            assertThat(zap.requests()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAnInitiateOfTheWrongLength() throws Exception {
        expectInitiateRefused(
                valid -> ascii("\u0008INITIATE"), SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE);
    }

    @Test
    void shouldRefuseAnInitiateWithAnotherCommandName() throws Exception {
        expectInitiateRefused(
                valid -> RawCurveClient.corrupt(valid, 5, (byte) 'X'),
                SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
    }

    @Test
    void shouldRefuseAnInitiateWithAForgedCookie() throws Exception {
        expectInitiateRefused(valid -> RawCurveClient.flip(valid, 30), SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
    }

    @Test
    void shouldRefuseAnInitiateWithCorruptedContent() throws Exception {
        expectInitiateRefused(valid -> RawCurveClient.flip(valid, 150), SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
    }

    @Test
    void shouldDropAConnectionThatReplaysAMessageAndKeepServingOthers() throws Exception {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture);
                RawCurveClient raw = new RawCurveClient(fixture.endpoint, serverKeys.publicKey(), clientKeys)) {
            raw.greet().sendCommand(raw.hello());
            raw.finishHandshake(raw.initiateAfterWelcome());
            fixture.serverEvents.await(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            byte[] once = raw.box("once");
            raw.sendMessageFrame(once);
            assertThat(fixture.server.recvString()).isEqualTo("once");

            raw.sendMessageFrame(once);

            fixture.serverEvents.expect(
                    SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE);
            fixture.serverEvents.await(SocketEvent.Type.DISCONNECTED);
            fixture.server.set(SocketOption.RCVTIMEO, SecurityFixture.NOT_ARRIVING_MS);
            assertThat(fixture.server.recvMessage())
                    .as("the replay was not delivered")
                    .isNull();
            fixture.server.set(SocketOption.RCVTIMEO, (int) SecurityFixture.WAIT.toMillis());
            fixture.bounce(fixture.client(validClient(), null));
        }
    }

    @Test
    void shouldCarryALargeRoutingIdInTheEncryptedMetadata() {
        try (SecurityFixture fixture = fixture();
                ZapHandler zap = zap(fixture)) {
            byte[] routingId = new byte[255];
            Arrays.fill(routingId, (byte) 'x');
            Message received = fixture.bounce(fixture.client(
                    validClient().andThen(client -> client.set(SocketOption.ROUTING_ID, routingId)), null));

            assertThat(received.property("Identity")).isEqualTo("x".repeat(255));
        }
    }

    @Test
    void shouldRefuseKeysOfAnInvalidSize() {
        try (SecurityFixture fixture = fixture()) {
            for (SocketOption<byte[]> option : Arrays.asList(
                    SocketOption.CURVE_SERVERKEY, SocketOption.CURVE_PUBLICKEY, SocketOption.CURVE_SECRETKEY)) {
                assertThatThrownBy(() -> fixture.server.set(option, new byte[123]))
                        .isInstanceOf(ZmqException.class)
                        .hasMessageContaining(option.name())
                        .hasMessageContaining("123 bytes")
                        .extracting(e -> ((ZmqException) e).code())
                        .isEqualTo(ErrorCode.EINVAL);
            }
        }
    }

    @Test
    void shouldRefuseToConnectWithoutTheKeysOfItsRole() {
        try (SecurityFixture fixture = fixture()) {
            Socket client = fixture.context.socket(dev.zmq4j.SocketType.DEALER);
            client.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
            assertThatThrownBy(() -> client.connect(fixture.endpoint))
                    .isInstanceOf(ZmqException.class)
                    .hasMessageContaining("CURVE_PUBLICKEY");
            client.close();
        }
    }
}
