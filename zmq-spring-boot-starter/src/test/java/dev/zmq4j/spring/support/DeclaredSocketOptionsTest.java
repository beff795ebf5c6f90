package dev.zmq4j.spring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.config.SocketProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** Each {@code zmq.sockets.<name>.*} option reaches the engine's socket, read back with {@code socket.get}. */
class DeclaredSocketOptionsTest {
    private final Context context = Context.create(1);

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void shouldSetTheConnectionOptionsOnAnySocket() {
        try (Socket socket = socket(SocketType.DEALER, p -> {
            p.setHandshakeInterval(Duration.ofMillis(1500));
            p.setConnectTimeout(Duration.ofMillis(700));
            p.setImmediate(true);
            p.setConflate(true);
            p.setProbeRouter(true);
            p.setSendBuffer(DataSize.ofKilobytes(64));
            p.setReceiveBuffer(DataSize.ofKilobytes(128));
            p.setBacklog(7);
            p.setTcpKeepalive(true);
            p.setTcpKeepaliveCount(4);
            p.setTcpKeepaliveIdle(Duration.ofSeconds(30));
            p.setTcpKeepaliveInterval(Duration.ofSeconds(5));
            p.setReconnectIntervalMax(Duration.ofSeconds(8));
            p.setMaxMessageSize(DataSize.ofKilobytes(1));
        })) {
            assertThat(socket.get(SocketOption.HANDSHAKE_IVL)).isEqualTo(1500);
            assertThat(socket.get(SocketOption.CONNECT_TIMEOUT)).isEqualTo(700);
            assertThat(socket.get(SocketOption.IMMEDIATE)).isTrue();
            assertThat(socket.get(SocketOption.CONFLATE)).isTrue();
            assertThat(socket.get(SocketOption.PROBE_ROUTER)).isTrue();
            assertThat(socket.get(SocketOption.SNDBUF)).isEqualTo(65536);
            assertThat(socket.get(SocketOption.RCVBUF)).isEqualTo(131072);
            assertThat(socket.get(SocketOption.BACKLOG)).isEqualTo(7);
            assertThat(socket.get(SocketOption.TCP_KEEPALIVE)).isEqualTo(1);
            assertThat(socket.get(SocketOption.TCP_KEEPALIVE_CNT)).isEqualTo(4);
            assertThat(socket.get(SocketOption.TCP_KEEPALIVE_IDLE)).isEqualTo(30);
            assertThat(socket.get(SocketOption.TCP_KEEPALIVE_INTVL)).isEqualTo(5);
            assertThat(socket.get(SocketOption.RECONNECT_IVL_MAX)).isEqualTo(8000);
            assertThat(socket.get(SocketOption.MAXMSGSIZE)).isEqualTo(1024L);
        }
    }

    @Test
    void shouldLeaveTheEnginesDefaultsWhenNothingIsDeclared() {
        try (Socket socket = socket(SocketType.DEALER, p -> {})) {
            assertThat(socket.get(SocketOption.HANDSHAKE_IVL)).isEqualTo(30_000);
            assertThat(socket.get(SocketOption.BACKLOG)).isEqualTo(100);
            assertThat(socket.get(SocketOption.TCP_KEEPALIVE)).isEqualTo(-1);
            assertThat(socket.get(SocketOption.IMMEDIATE)).isFalse();
        }
    }

    @Test
    void shouldTurnKeepaliveOffAndBuffersBackToTheSystemDefault() {
        try (Socket socket = socket(SocketType.PUSH, p -> {
            p.setTcpKeepalive(false);
            p.setSendBuffer(DataSize.ofBytes(-1));
        })) {
            assertThat(socket.get(SocketOption.TCP_KEEPALIVE)).isEqualTo(0);
            assertThat(socket.get(SocketOption.SNDBUF)).isEqualTo(-1);
        }
    }

    @Test
    void shouldSetTheRouterOptions() {
        try (Socket socket = socket(SocketType.ROUTER, p -> {
            p.setRouterMandatory(true);
            p.setRouterHandover(true);
        })) {
            assertThat(socket.get(SocketOption.ROUTER_MANDATORY)).isTrue();
            assertThat(socket.get(SocketOption.ROUTER_HANDOVER)).isTrue();
        }
    }

    @Test
    void shouldSetThePublisherOptions() {
        try (Socket socket = socket(SocketType.XPUB, p -> {
            p.setXpubVerbose(true);
            p.setXpubNoDrop(true);
            p.setInvertMatching(true);
            p.setXpubWelcomeMessage("hello");
        })) {
            assertThat(socket.get(SocketOption.XPUB_VERBOSE)).isTrue();
            assertThat(socket.get(SocketOption.XPUB_NODROP)).isTrue();
            assertThat(socket.get(SocketOption.INVERT_MATCHING)).isTrue();
            assertThat(new String(socket.get(SocketOption.XPUB_WELCOME_MSG), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
        }
    }

    @Test
    void shouldNameThePropertyWhenTheSocketTypeDoesNotTakeTheOption() {
        assertThatThrownBy(() -> socket(SocketType.DEALER, p -> p.setRouterHandover(true)))
                .isInstanceOf(InvalidZmqConfigurationException.class)
                .hasMessageContaining("zmq.sockets.x.router-handover")
                .hasMessageContaining("ROUTER_HANDOVER");
        assertThatThrownBy(() -> socket(SocketType.SUB, p -> p.setXpubVerbose(true)))
                .isInstanceOf(InvalidZmqConfigurationException.class)
                .hasMessageContaining("zmq.sockets.x.xpub-verbose");
        assertThatThrownBy(() -> socket(SocketType.PUSH, p -> p.setBacklog(-5)))
                .isInstanceOf(InvalidZmqConfigurationException.class)
                .hasMessageContaining("zmq.sockets.x.backlog");
    }

    @Test
    void shouldFailStartupNamingTheProperty() {
        ApplicationContextRunner runner =
                new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));
        runner.withPropertyValues(
                        "zmq.sockets.jobs.type=PUSH",
                        "zmq.sockets.jobs.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.jobs.router-mandatory=true",
                        "zmq.sockets.jobs.tcp-keepalive-idle=1500ms")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidZmqConfigurationException.class)
                        .hasMessageContaining("zmq.sockets.jobs.tcp-keepalive-idle")
                        .hasMessageContaining("whole number of seconds"));
        runner.withPropertyValues(
                        "zmq.sockets.jobs.type=PUSH",
                        "zmq.sockets.jobs.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.jobs.immediate=true",
                        "zmq.sockets.jobs.handshake-interval=-1s")
                .run(started -> assertThat(configurationError(started.getStartupFailure()))
                        .hasMessageContaining("zmq.sockets.jobs.handshake-interval")
                        .hasMessageContaining("HANDSHAKE_IVL"));
    }

    /** The starter's error in a startup failure's causes; the engine's refusal is its cause in turn. */
    private static Throwable configurationError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidZmqConfigurationException) {
                return cause;
            }
        }
        throw new AssertionError("no InvalidZmqConfigurationException among the causes of " + failure, failure);
    }

    private Socket socket(SocketType type, Consumer<SocketProperties> declaration) {
        SocketProperties properties = new SocketProperties();
        properties.setType(type);
        declaration.accept(properties);
        return new ZmqSocketFactory(context, Duration.ZERO).create("zmq.sockets.x", properties);
    }
}
