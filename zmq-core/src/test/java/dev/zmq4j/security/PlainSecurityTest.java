package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import org.junit.jupiter.api.Test;

/**
 * PLAIN (24/ZMTP-PLAIN) between zmq4j sockets: libzmq's tests/test_security_plain.cpp case for case, plus what it
 * leaves implicit (no handler, the properties a message carries, the options).
 */
class PlainSecurityTest {
    private static void plainServer(Socket server) {
        server.set(SocketOption.PLAIN_SERVER, true);
        server.set(SocketOption.ZAP_DOMAIN, "global");
    }

    private static void credentials(Socket client, String user, String password) {
        client.set(SocketOption.PLAIN_USERNAME, user);
        client.set(SocketOption.PLAIN_PASSWORD, password);
    }

    @Test
    void shouldLetInAClientWithTheRightPassword() {
        try (SecurityFixture fixture = new SecurityFixture(PlainSecurityTest::plainServer);
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            SecurityFixture.Events clientEvents = new SecurityFixture.Events("client");
            Socket client = fixture.client(c -> credentials(c, "admin", "password"), clientEvents);

            Message received = fixture.bounce(client);

            assertThat(received.property("User-Id")).isEqualTo(ZapHandler.USER_ID);
            assertThat(received.property("Socket-Type")).isEqualTo("DEALER");
            assertThat(received.property("peer-address")).as("case-insensitive").isEqualTo("127.0.0.1");
            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_SUCCEEDED, 0);
            clientEvents.expect(SocketEvent.Type.HANDSHAKE_SUCCEEDED, 0);
            Message request = zap.requests().get(0);
            assertThat(request.size()).isEqualTo(8);
            assertThat(request.getString(0)).isEqualTo("1.0");
            assertThat(request.getString(1)).isEqualTo("1");
            assertThat(request.getString(2)).isEqualTo("global");
            assertThat(request.getString(3)).isEqualTo("127.0.0.1");
            assertThat(request.getString(4)).as("the server's own routing id").isEqualTo("IDENT");
            assertThat(request.getString(5)).isEqualTo("PLAIN");
            assertThat(request.getString(6)).isEqualTo("admin");
            assertThat(request.getString(7)).isEqualTo("password");
        }
    }

    @Test
    void shouldFailWhenBothSidesArePlainServersWithoutAskingZap() {
        try (SecurityFixture fixture = new SecurityFixture(PlainSecurityTest::plainServer);
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            Socket client = fixture.client(c -> c.set(SocketOption.PLAIN_SERVER, true), null);

            fixture.expectBounceFails(client);

            assertThat(zap.requests()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAWrongPasswordWithTheZapStatusOnBothSides() {
        try (SecurityFixture fixture = new SecurityFixture(PlainSecurityTest::plainServer);
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            SecurityFixture.Events clientEvents = new SecurityFixture.Events("client");
            Socket client = fixture.client(c -> credentials(c, "admin", "wrong"), clientEvents);

            fixture.expectBounceFails(client);

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
            clientEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
        }
    }

    @Test
    void shouldPassNothingFromAVanillaZmtp10Peer() throws Exception {
        try (SecurityFixture fixture = new SecurityFixture(PlainSecurityTest::plainServer);
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            fixture.expectNothingFromAZmtp10Peer();
            assertThat(zap.requests()).isEmpty();
        }
    }

    @Test
    void shouldFailClosedWhenNoZapHandlerIsBound() {
        try (SecurityFixture fixture = new SecurityFixture(PlainSecurityTest::plainServer)) {
            Socket client = fixture.client(c -> credentials(c, "admin", "password"), null);

            fixture.expectBounceFails(client);

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, 14); // EFAULT, as libzmq
        }
    }

    @Test
    void shouldChooseTheMechanismFromTheLastOptionSetAsLibzmqDoes() {
        try (SecurityFixture fixture = new SecurityFixture(s -> {})) {
            Socket socket = fixture.server;
            assertThat(socket.get(SocketOption.MECHANISM)).isEqualTo("NULL");
            socket.set(SocketOption.PLAIN_USERNAME, "user");
            assertThat(socket.get(SocketOption.MECHANISM)).isEqualTo("PLAIN");
            assertThat(socket.get(SocketOption.PLAIN_SERVER)).isFalse();
            socket.set(SocketOption.PLAIN_SERVER, true);
            assertThat(socket.get(SocketOption.PLAIN_SERVER)).isTrue();
            socket.set(SocketOption.PLAIN_USERNAME, "");
            assertThat(socket.get(SocketOption.MECHANISM))
                    .as("an empty username means NULL")
                    .isEqualTo("NULL");

            assertThatThrownBy(() -> socket.set(SocketOption.PLAIN_PASSWORD, "x".repeat(256)))
                    .isInstanceOf(ZmqException.class)
                    .hasMessageContaining("PLAIN_PASSWORD")
                    .hasMessageContaining("at most 255 bytes")
                    .extracting(e -> ((ZmqException) e).code())
                    .isEqualTo(ErrorCode.EINVAL);
            assertThatThrownBy(() -> socket.set(SocketOption.ZAP_DOMAIN, "d".repeat(256)))
                    .hasMessageContaining("ZAP_DOMAIN");
        }
    }
}
