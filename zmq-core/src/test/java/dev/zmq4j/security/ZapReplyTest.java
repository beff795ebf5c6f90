package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a misbehaving ZAP handler does to a handshake: libzmq's tests/test_security_zap.cpp, its ten cases for each
 * mechanism, with the events libzmq expects. None of them may hang the handshake for ever or touch another
 * connection.
 */
class ZapReplyTest {
    private static final int EFAULT = 14;
    private static final int EPIPE = 32;

    /** A mechanism's server and client settings, as testutil_security's socket_config_* functions. */
    record Setup(String name, Consumer<Socket> server, Consumer<Socket> client) {
        ZapHandler handler(SecurityFixture fixture, ZapHandler.Mode mode) {
            return ZapHandler.start(fixture.context, mode, "admin", "password", CLIENT.publicKey());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final CurveKeyPair SERVER = CurveKeyPair.generate();
    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();

    static Stream<Setup> mechanisms() {
        return Stream.of(
                new Setup(
                        "CURVE",
                        server -> {
                            server.set(SocketOption.CURVE_SERVER, true);
                            server.set(SocketOption.CURVE_SECRETKEY, SERVER.secretKey());
                        },
                        client -> {
                            client.set(SocketOption.CURVE_SERVERKEY, SERVER.publicKey());
                            client.set(SocketOption.CURVE_PUBLICKEY, CLIENT.publicKey());
                            client.set(SocketOption.CURVE_SECRETKEY, CLIENT.secretKey());
                        }),
                new Setup("NULL", server -> server.set(SocketOption.ZAP_DOMAIN, "TEST"), client -> {}),
                new Setup("PLAIN", server -> server.set(SocketOption.PLAIN_SERVER, true), client -> {
                    client.set(SocketOption.PLAIN_USERNAME, "admin");
                    client.set(SocketOption.PLAIN_PASSWORD, "password");
                }));
    }

    static Stream<Arguments> protocolErrors() {
        return mechanisms()
                .flatMap(setup -> Stream.of(
                        Arguments.of(setup, ZapHandler.Mode.WRONG_VERSION, SocketEvent.PROTOCOL_ERROR_ZAP_BAD_VERSION),
                        Arguments.of(
                                setup, ZapHandler.Mode.WRONG_REQUEST_ID, SocketEvent.PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID),
                        Arguments.of(
                                setup,
                                ZapHandler.Mode.STATUS_INVALID,
                                SocketEvent.PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE),
                        Arguments.of(
                                setup,
                                ZapHandler.Mode.TOO_MANY_PARTS,
                                SocketEvent.PROTOCOL_ERROR_ZAP_MALFORMED_REPLY)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolErrors")
    void shouldFailTheHandshakeOnABadReply(Setup setup, ZapHandler.Mode mode, int expectedCode) {
        try (SecurityFixture fixture = new SecurityFixture(setup.server());
                ZapHandler zap = setup.handler(fixture, mode)) {
            fixture.expectBounceFails(fixture.client(setup.client(), null));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, expectedCode);
            assertThat(zap.requests()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void shouldDropTheClientSilentlyOnATemporaryFailure(Setup setup) {
        try (SecurityFixture fixture = new SecurityFixture(setup.server());
                ZapHandler zap = setup.handler(fixture, ZapHandler.Mode.STATUS_300)) {
            SecurityFixture.Events clientEvents = new SecurityFixture.Events("client");
            fixture.expectBounceFails(fixture.client(setup.client(), clientEvents));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 300);
            assertThat(clientEvents.drain())
                    .as("no ERROR is sent for 300, so the client has no status to report")
                    .noneMatch(event -> event.type() == SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void shouldTellBothSidesAboutAnInternalError(Setup setup) {
        try (SecurityFixture fixture = new SecurityFixture(setup.server());
                ZapHandler zap = setup.handler(fixture, ZapHandler.Mode.STATUS_500)) {
            SecurityFixture.Events clientEvents = new SecurityFixture.Events("client");
            fixture.expectBounceFails(fixture.client(setup.client(), clientEvents));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 500);
            clientEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 500);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void shouldFailWithoutAHandlerWhenTheDomainIsEnforced(Setup setup) {
        try (SecurityFixture fixture = new SecurityFixture(server -> {
            setup.server().accept(server);
            server.set(SocketOption.ZAP_DOMAIN, "TEST");
            server.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
        })) {
            fixture.expectBounceFails(fixture.client(setup.client(), null));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, EFAULT);
        }
    }

    static Stream<Arguments> silentHandlers() {
        return mechanisms()
                .flatMap(setup -> Stream.of(
                        Arguments.of(setup, ZapHandler.Mode.DISCONNECT),
                        Arguments.of(setup, ZapHandler.Mode.DO_NOT_RECV),
                        Arguments.of(setup, ZapHandler.Mode.DO_NOT_SEND)));
    }

    /** The handshake waits for the reply, and ends when the client gives up, as with libzmq (EPIPE). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("silentHandlers")
    void shouldEndTheHandshakeWhenTheClientGivesUpOnASilentHandler(Setup setup, ZapHandler.Mode mode) {
        try (SecurityFixture fixture = new SecurityFixture(setup.server());
                ZapHandler zap = setup.handler(fixture, mode)) {
            Socket client = fixture.client(setup.client(), null);
            fixture.expectBounceFails(client);

            fixture.closeClient(client);

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, EPIPE);
        }
    }
}
