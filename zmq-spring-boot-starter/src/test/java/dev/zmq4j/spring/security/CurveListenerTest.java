package dev.zmq4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zmq4j.Context;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A CURVE REP listener and a CURVE template, configured from properties alone, with the authenticator of
 * {@code zmq.auth.*}: the template's key is let in and its requests carry its User-Id; an unknown key is refused.
 * Over ipc, so that the template can know the listener's address without a fixed port.
 */
@SpringBootTest
class CurveListenerTest {
    private static final CurveKeyPair SERVER = CurveKeyPair.generate();
    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();
    private static final Path DIRECTORY = createDirectory();
    private static final String ENDPOINT = "ipc://" + DIRECTORY.resolve("risk.sock");

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("zmq4j-curve-listener");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("zmq.sockets.risk.type", () -> "REP");
        registry.add("zmq.sockets.risk.bind", () -> ENDPOINT);
        registry.add("zmq.sockets.risk.security.mechanism", () -> "curve");
        registry.add("zmq.sockets.risk.security.curve.server", () -> "true");
        registry.add("zmq.sockets.risk.security.curve.secret-key", SERVER::secretKeyZ85);
        registry.add("zmq.sockets.riskClient.type", () -> "REQ");
        registry.add("zmq.sockets.riskClient.connect", () -> ENDPOINT);
        registry.add("zmq.sockets.riskClient.security.mechanism", () -> "curve");
        registry.add("zmq.sockets.riskClient.security.curve.server-key", SERVER::publicKeyZ85);
        registry.add("zmq.sockets.riskClient.security.curve.public-key", CLIENT::publicKeyZ85);
        registry.add("zmq.sockets.riskClient.security.curve.secret-key", CLIENT::secretKeyZ85);
        registry.add("zmq.auth.curve.keys", CLIENT::publicKeyZ85);
    }

    @AfterAll
    static void removeDirectory() throws Exception {
        Files.deleteIfExists(DIRECTORY.resolve("risk.sock"));
        Files.deleteIfExists(DIRECTORY);
    }

    @Autowired
    @Qualifier("riskClient")
    ZmqTemplate riskClient;

    @Autowired
    Context context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ZmqSocketRegistry health;

    @Test
    void shouldServeTheTemplateWhoseKeyTheAuthenticatorKnows() {
        assertThat(riskClient.request("ACME", String.class)).isEqualTo("risk of ACME for " + CLIENT.publicKeyZ85());
    }

    @Test
    void shouldRefuseAnUnknownKey() throws Exception {
        CurveKeyPair stranger = CurveKeyPair.generate();
        LinkedBlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
        try (Socket req = context.socket(SocketType.REQ)) {
            req.set(SocketOption.LINGER, 0);
            req.addEventListener(events::add, SocketEvent.ALL);
            req.set(SocketOption.CURVE_SERVERKEY, SERVER.publicKey());
            req.set(SocketOption.CURVE_PUBLICKEY, stranger.publicKey());
            req.set(SocketOption.CURVE_SECRETKEY, stranger.secretKey());
            req.connect(ENDPOINT);
            SocketEvent event;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (event != null && event.type() != SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
            assertThat(event).as("HANDSHAKE_FAILED_AUTH within 10 s").isNotNull();
            assertThat(event.value()).isEqualTo(400);
        }
        // the listener's side counts the refusal under its reason, and its health names the mechanism
        await("zmq.handshake.failures{socket=risk, reason=auth} to count the refusal")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> meters.get("zmq.handshake.failures")
                                .tag("socket", "risk")
                                .tag("reason", "auth")
                                .counter()
                                .count()
                        >= 1);
        assertThat(health.tracker("risk").snapshot().mechanism()).isEqualTo("CURVE");
        assertThat(health.tracker("riskClient").snapshot().mechanism()).isEqualTo("CURVE");
    }

    static class RiskService {
        @ZmqListener(socket = "risk")
        String risk(Message request) {
            return "risk of " + request.getString(0) + " for " + request.property("User-Id");
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
        RiskService riskService() {
            return new RiskService();
        }
    }
}
