package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad input at the API gets a ZmqException whose code and message say what was wrong. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ErrorsTest {
    private final Context context = Context.create();

    @AfterEach
    void closeContext() {
        context.close();
    }

    private static AbstractThrowableAssert<?, ?> assertZmqError(Runnable call, ErrorCode code, String... words) {
        AbstractThrowableAssert<?, ?> thrown = assertThatThrownBy(call::run)
                .isInstanceOf(ZmqException.class)
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(code));
        for (String word : words) {
            thrown.hasMessageContaining(word);
        }
        return thrown;
    }

    @Test
    void shouldRejectMalformedEndpoints() {
        Socket socket = context.socket(SocketType.PULL);
        assertZmqError(() -> socket.bind("localhost:5555"), ErrorCode.EINVAL, "localhost:5555", "transport://");
        assertZmqError(() -> socket.bind("tcp://127.0.0.1"), ErrorCode.EINVAL, "tcp://127.0.0.1", "host:port");
        assertZmqError(() -> socket.bind("tcp://127.0.0.1:99999"), ErrorCode.EINVAL, "99999");
        assertZmqError(() -> socket.bind("tcp://127.0.0.1:http"), ErrorCode.EINVAL, "'http'");
        assertZmqError(() -> socket.connect("tcp://*:5555"), ErrorCode.EINVAL, "wildcard");
        assertZmqError(() -> socket.connect("tcp://127.0.0.1:*"), ErrorCode.EINVAL, "wildcard port");
        assertZmqError(() -> socket.bind("tcp://::1:5555"), ErrorCode.EINVAL, "[address]:port");
        assertZmqError(() -> socket.bind(null), ErrorCode.EINVAL, "null");
    }

    @Test
    void shouldRejectUnknownTransports() {
        Socket socket = context.socket(SocketType.PULL);
        assertZmqError(() -> socket.bind("udpx://127.0.0.1:5555"), ErrorCode.EPROTONOSUPPORT, "udpx");
        assertZmqError(() -> socket.connect("pgm://eth0;239.192.1.1:5555"), ErrorCode.EPROTONOSUPPORT, "pgm");
    }

    @Test
    void shouldRejectAPortInUse() {
        Socket first = context.socket(SocketType.PULL);
        first.bind("tcp://127.0.0.1:*");
        Socket second = context.socket(SocketType.PULL);
        String endpoint = first.lastEndpoint();
        assertZmqError(() -> second.bind(endpoint), ErrorCode.EADDRINUSE, endpoint);
    }

    @Test
    void shouldRejectAnInprocNameInUse() {
        context.socket(SocketType.PULL).bind("inproc://taken");
        assertZmqError(() -> context.socket(SocketType.PULL).bind("inproc://taken"), ErrorCode.EADDRINUSE, "taken");
    }

    @Test
    void shouldBindIpv6Loopback() {
        Socket pull = context.socket(SocketType.PULL);
        pull.bind("tcp://[::1]:*");
        assertThat(pull.lastEndpoint()).startsWith("tcp://[::1]:");
        Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.lastEndpoint());
        push.send("over ipv6");
        pull.set(SocketOption.RCVTIMEO, 5000);
        assertThat(pull.recvString()).isEqualTo("over ipv6");
    }

    @Test
    void shouldResolveHostNamesOnConnect() {
        Socket pull = context.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        String port = pull.lastEndpoint().substring(pull.lastEndpoint().lastIndexOf(':') + 1);
        Socket push = context.socket(SocketType.PUSH);
        push.connect("tcp://localhost:" + port);
        push.send("by name");
        pull.set(SocketOption.RCVTIMEO, 5000);
        assertThat(pull.recvString()).isEqualTo("by name");
    }

    @Test
    void shouldReportTheResolvedWildcardEndpoint() {
        Socket pull = context.socket(SocketType.PULL);
        pull.bind("tcp://*:*");
        assertThat(pull.lastEndpoint()).matches("tcp://0\\.0\\.0\\.0:\\d+");
        pull.unbind(pull.lastEndpoint());
        assertZmqError(() -> pull.unbind("tcp://127.0.0.1:1"), ErrorCode.ENOENT, "tcp://127.0.0.1:1");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldRejectWrongOptionTypesAndValues() {
        Socket socket = context.socket(SocketType.DEALER);
        SocketOption raw = SocketOption.SNDHWM;
        assertZmqError(() -> socket.set(raw, "1000"), ErrorCode.EINVAL, "SNDHWM", "Integer", "String");
        assertZmqError(() -> socket.set(SocketOption.SNDHWM, -5), ErrorCode.EINVAL, "SNDHWM", "-5");
        assertZmqError(() -> socket.set(SocketOption.LINGER, -2), ErrorCode.EINVAL, "LINGER", "-2");
        assertZmqError(() -> socket.set(SocketOption.ROUTING_ID, new byte[0]), ErrorCode.EINVAL, "ROUTING_ID");
        assertZmqError(() -> socket.set(SocketOption.ROUTING_ID, new byte[256]), ErrorCode.EINVAL, "256");
        assertZmqError(() -> socket.set(SocketOption.MAXMSGSIZE, -7L), ErrorCode.EINVAL, "MAXMSGSIZE");
        assertZmqError(() -> socket.set(SocketOption.RCVTIMEO, null), ErrorCode.EINVAL, "RCVTIMEO", "null");
        assertZmqError(
                () -> socket.set(SocketOption.HEARTBEAT_TTL, 6_553_600), ErrorCode.EINVAL, "HEARTBEAT_TTL", "6553600");
        assertZmqError(() -> socket.set(SocketOption.HEARTBEAT_TIMEOUT, -2), ErrorCode.EINVAL, "HEARTBEAT_TIMEOUT");
        assertZmqError(() -> socket.set(SocketOption.TCP_KEEPALIVE, 2), ErrorCode.EINVAL, "TCP_KEEPALIVE", "2");
        assertZmqError(
                () -> socket.set(SocketOption.LAST_ENDPOINT, "tcp://x:1"), ErrorCode.EINVAL, "LAST_ENDPOINT", "read");
        assertZmqError(() -> socket.set(SocketOption.RCVMORE, true), ErrorCode.EINVAL, "RCVMORE", "read");
    }

    @Test
    void shouldUseLibzmqDefaults() {
        Socket socket = context.socket(SocketType.DEALER);
        assertThat(socket.get(SocketOption.SNDHWM)).isEqualTo(1000);
        assertThat(socket.get(SocketOption.RCVHWM)).isEqualTo(1000);
        assertThat(socket.get(SocketOption.LINGER)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.SNDTIMEO)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.RCVTIMEO)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.RECONNECT_IVL)).isEqualTo(100);
        assertThat(socket.get(SocketOption.RECONNECT_IVL_MAX)).isEqualTo(0);
        assertThat(socket.get(SocketOption.HANDSHAKE_IVL)).isEqualTo(30_000);
        assertThat(socket.get(SocketOption.CONNECT_TIMEOUT)).isEqualTo(0);
        assertThat(socket.get(SocketOption.MAXMSGSIZE)).isEqualTo(-1L);
        assertThat(socket.get(SocketOption.ROUTER_MANDATORY)).isFalse();
        assertThat(socket.get(SocketOption.IMMEDIATE)).isFalse();
        assertThat(socket.get(SocketOption.ROUTING_ID)).isEmpty();
        assertThat(socket.get(SocketOption.HEARTBEAT_IVL)).isZero();
        assertThat(socket.get(SocketOption.HEARTBEAT_TTL)).isZero();
        assertThat(socket.get(SocketOption.HEARTBEAT_TIMEOUT)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.XPUB_VERBOSE)).isFalse();
        assertThat(socket.get(SocketOption.SNDBUF)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.RCVBUF)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.BACKLOG)).isEqualTo(100);
        assertThat(socket.get(SocketOption.TCP_KEEPALIVE)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.TCP_KEEPALIVE_CNT)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.TCP_KEEPALIVE_IDLE)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.TCP_KEEPALIVE_INTVL)).isEqualTo(-1);
        assertThat(socket.get(SocketOption.LAST_ENDPOINT)).isEmpty();
        assertThat(socket.get(SocketOption.RCVMORE)).isFalse();
    }

    @Test
    void shouldRejectOperationsOnAClosedSocket() {
        Socket socket = context.socket(SocketType.PUSH);
        socket.close();
        socket.close();
        assertZmqError(() -> socket.send("x"), ErrorCode.ENOTSOCK, "closed");
        assertZmqError(() -> socket.bind("inproc://x"), ErrorCode.ENOTSOCK, "closed");
    }

    @Test
    void shouldRejectOperationsOnAClosedContext() {
        Context closing = Context.create();
        Socket socket = closing.socket(SocketType.PULL);
        closing.close();
        closing.close();
        assertZmqError(socket::recv, ErrorCode.ETERM, "context");
        assertZmqError(() -> closing.socket(SocketType.PUSH), ErrorCode.ETERM, "context");
    }

    @Test
    void shouldRejectOperationsTheSocketTypeDoesNotHave() {
        assertZmqError(() -> context.socket(SocketType.PUSH).recv(Socket.DONTWAIT), ErrorCode.ENOTSUP, "PUSH");
        assertZmqError(() -> context.socket(SocketType.PULL).send("x"), ErrorCode.ENOTSUP, "PULL");
    }

    @Test
    void shouldRejectNullArguments() {
        Socket socket = context.socket(SocketType.PAIR);
        assertZmqError(() -> socket.send((byte[]) null), ErrorCode.EINVAL, "null");
        assertZmqError(() -> socket.send((String) null), ErrorCode.EINVAL, "null");
        assertZmqError(() -> socket.send((Message) null), ErrorCode.EINVAL, "null");
        assertZmqError(() -> context.socket(null), ErrorCode.EINVAL, "type");
        assertZmqError(() -> Context.create(-1), ErrorCode.EINVAL, "-1");
    }
}
