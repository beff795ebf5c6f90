package dev.zmq4j.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import dev.zmq4j.spring.health.SocketHealthSnapshot.BindState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Socket health over real tcp, read the way {@code /actuator/health/zmq/<socket>} reads it: a declared DEALER
 * template is UP with its peer, DOWN once the peer has been gone for the grace period, UP again when a peer binds
 * the same endpoint; the event-driven meters follow. Every wait is a bounded poll.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.backend.type=DEALER",
            "zmq.sockets.backend.reconnect-interval=50ms",
            "zmq.health.connect-grace-period=200ms"
        })
class ZmqSocketHealthTest {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final Context PEERS = Context.create();
    static String peerEndpoint;
    static Socket peer;

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ZmqTemplateFactory templates;

    @DynamicPropertySource
    static void backendConnectsToThePeer(DynamicPropertyRegistry registry) {
        peer = router();
        peer.bind("tcp://127.0.0.1:*");
        peerEndpoint = peer.lastEndpoint();
        registry.add("zmq.sockets.backend.connect", () -> peerEndpoint);
    }

    @AfterAll
    static void closePeers() {
        if (peer != null) {
            peer.close();
        }
        PEERS.close();
    }

    @Test
    void shouldTurnDownWhenThePeerGoesAndUpWhenItComesBack() {
        Health up = awaitStatus("backend", Status.UP);
        assertThat(up.getDetails())
                .containsEntry("type", "DEALER")
                .containsEntry("state", "up")
                .containsEntry("peers", 1)
                .containsEntry("connectEndpoints", List.of(peerEndpoint))
                .containsEntry("connectedEndpoints", List.of(peerEndpoint));
        assertThat(meters.get("zmq.peers.connected")
                        .tag("socket", "backend")
                        .tag("socket.type", "DEALER")
                        .gauge()
                        .value())
                .isEqualTo(1);

        peer.close();
        peer = null;
        Health down = awaitStatus("backend", Status.DOWN);
        assertThat(down.getDetails())
                .containsEntry("peers", 0)
                .containsEntry("state", "down")
                .containsEntry("connectedEndpoints", List.of());
        assertThat((String) down.getDetails().get("reason")).startsWith("no handshaken peer for");
        assertThat(meters.get("zmq.peers.connected")
                        .tag("socket", "backend")
                        .gauge()
                        .value())
                .isZero();

        peer = router();
        peer.bind(peerEndpoint);
        Health back = awaitStatus("backend", Status.UP);
        assertThat(back.getDetails()).containsEntry("peers", 1);
        assertThat((long) back.getDetails().get("reconnects")).isPositive();
        assertThat(meters.get("zmq.reconnects")
                        .tag("socket", "backend")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("zmq.peers.connected")
                        .tag("socket", "backend")
                        .gauge()
                        .value())
                .isEqualTo(1);
    }

    @Test
    void shouldReportAListenerSocketUnderItsId() {
        Health listener = awaitStatus("health-probe", Status.UP);
        assertThat(listener.getDetails())
                .containsEntry("type", "REP")
                .containsEntry("mechanism", "NULL")
                .containsEntry("peers", 0);
        @SuppressWarnings("unchecked")
        Map<String, BindState> bound =
                (Map<String, BindState>) listener.getDetails().get("boundEndpoints");
        assertThat(bound).hasSize(1).containsValue(BindState.LISTENING);
        assertThat(bound.keySet().iterator().next())
                .startsWith("tcp://127.0.0.1:")
                .doesNotEndWith(":*");
    }

    @Test
    void shouldCountFailedHandshakes() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SocketProperties properties = new SocketProperties();
            properties.setType(SocketType.DEALER);
            properties.setConnect(List.of("tcp://127.0.0.1:" + mute.getLocalPort()));
            try (ZmqTemplate stranger = templates.create("stranger", properties)) {
                // the peer accepts and hangs up before any greeting: the handshake fails
                mute.accept().close();
                await("a handshake failure counted for 'stranger'")
                        .atMost(DEADLINE)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> meters.get("zmq.handshake.failures")
                                        .tag("socket", "stranger")
                                        .tag("reason", "no_detail")
                                        .counter()
                                        .count()
                                >= 1);
                Health health = indicator("stranger").health();
                assertThat((long) health.getDetails().get("handshakeFailures")).isPositive();
                assertThat(health.getDetails()).containsEntry("peers", 0);
            }
        }
        // the socket is reaped on the context's reaper thread after close returns; then it leaves the health group
        await("closed socket 'stranger' to leave the zmq health group")
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> zmq().getContributor("stranger") == null);
    }

    /** Polls the socket's health until it has {@code expected}; fails with the last health seen. */
    private Health awaitStatus(String socket, Status expected) {
        AtomicReference<Health> last = new AtomicReference<>();
        await("health of zmq socket '" + socket + "' to become " + expected)
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    Health health = indicator(socket).health();
                    last.set(health);
                    assertThat(health.getStatus())
                            .as("%s: %s", socket, health.getDetails())
                            .isEqualTo(expected);
                });
        return last.get();
    }

    private HealthIndicator indicator(String socket) {
        HealthContributor contributor = zmq().getContributor(socket);
        assertThat(contributor).as("health contributor zmq/%s", socket).isInstanceOf(HealthIndicator.class);
        return (HealthIndicator) contributor;
    }

    private CompositeHealthContributor zmq() {
        return (CompositeHealthContributor) health.getContributor("zmq");
    }

    private static Socket router() {
        Socket router = PEERS.socket(SocketType.ROUTER);
        router.set(SocketOption.LINGER, 0);
        return router;
    }

    static class Probe {
        @ZmqListener(id = "health-probe", type = "REP", bind = "tcp://127.0.0.1:*")
        String handle(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Probe probe() {
            return new Probe();
        }
    }
}
