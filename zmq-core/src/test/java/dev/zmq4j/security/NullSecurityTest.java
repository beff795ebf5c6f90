package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import org.junit.jupiter.api.Test;

/**
 * NULL with and without ZAP: libzmq's tests/test_security_null.cpp (4 cases) and
 * tests/test_security_no_zap_handler.cpp (2 cases), case for case.
 */
class NullSecurityTest {
    @Test
    void shouldNeverAskTheHandlerWithoutADomain() {
        try (SecurityFixture fixture = new SecurityFixture(server -> {});
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            Message received = fixture.bounce(fixture.client(client -> {}, null));

            assertThat(zap.requests()).isEmpty();
            assertThat(received.property("User-Id")).as("no ZAP, no User-Id").isNull();
            assertThat(received.property("Peer-Address")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void shouldRefuseAPeerTheHandlerRefusesForItsDomain() {
        try (SecurityFixture fixture =
                        new SecurityFixture(server -> server.set(SocketOption.ZAP_DOMAIN, ZapHandler.REFUSED_DOMAIN));
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            SecurityFixture.Events clientEvents = new SecurityFixture.Events("client");
            Socket client = fixture.client(c -> {}, clientEvents);

            fixture.expectBounceFails(client);

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
            clientEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, 400);
            assertThat(zap.requests().get(0).getString(2)).isEqualTo(ZapHandler.REFUSED_DOMAIN);
        }
    }

    @Test
    void shouldLetInAPeerTheHandlerAccepts() {
        try (SecurityFixture fixture = new SecurityFixture(server -> server.set(SocketOption.ZAP_DOMAIN, "TEST"));
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            Message received = fixture.bounce(fixture.client(client -> {}, null));

            assertThat(received.property("User-Id")).isEqualTo(ZapHandler.USER_ID);
            Message request = zap.requests().get(0);
            assertThat(request.size()).as("NULL sends no credentials").isEqualTo(6);
            assertThat(request.getString(5)).isEqualTo("NULL");
        }
    }

    @Test
    void shouldPassNothingFromAVanillaZmtp10Peer() throws Exception {
        try (SecurityFixture fixture =
                        new SecurityFixture(server -> server.set(SocketOption.ZAP_DOMAIN, ZapHandler.REFUSED_DOMAIN));
                ZapHandler zap = ZapHandler.start(fixture.context, ZapHandler.Mode.OK)) {
            fixture.expectNothingFromAZmtp10Peer();
        }
    }

    @Test
    void shouldLetPeersInWhenADomainIsSetButNoHandlerIsBound() {
        try (SecurityFixture fixture = new SecurityFixture(server -> server.set(SocketOption.ZAP_DOMAIN, "TEST"))) {
            fixture.bounce(fixture.client(client -> {}, null));
        }
    }

    @Test
    void shouldFailWithoutAHandlerWhenTheDomainIsEnforced() {
        try (SecurityFixture fixture = new SecurityFixture(server -> {
            server.set(SocketOption.ZAP_DOMAIN, "TEST");
            server.set(SocketOption.ZAP_ENFORCE_DOMAIN, true);
        })) {
            fixture.expectBounceFails(fixture.client(client -> {}, null));

            fixture.serverEvents.expect(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, 14); // EFAULT
        }
    }
}
