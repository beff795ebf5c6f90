package dev.zmq4j.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.listener.ZmqListenerContainer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A listener stopped and started again registers its event meters once: Micrometer does not warn that the
 * {@code zmq.peers.connected} gauge "has been already registered", and that one gauge follows the new socket.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerRestartMetricsTest {

    @Test
    void shouldRegisterTheGaugeOnceAcrossAStopAndStart(CapturedOutput output) {
        // Micrometer warns about a double registration once per JVM, then logs it at DEBUG: see both.
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
                        .properties("logging.level.io.micrometer.core.instrument.MeterRegistry=debug")
                        .run();
                Context clients = Context.create()) {
            ZmqListenerContainer container =
                    app.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer("restarted");
            container.stop();
            container.start();
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            try (Socket req = TestClients.connected(
                    clients, SocketType.REQ, container.getBoundEndpoints().get(0))) {
                assertThat(TestClients.exchange(req, Message.of("ping")).getString(0))
                        .isEqualTo("pong");
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(meters.get("zmq.peers.connected")
                                        .tag("socket", "restarted")
                                        .gauge()
                                        .value())
                                .as("the gauge reads the restarted listener's socket")
                                .isEqualTo(1));
            }
        }
        assertThat(output.getOut()).doesNotContain("has been already registered");
    }

    static class Restarted {
        @ZmqListener(id = "restarted", type = "REP", bind = "tcp://127.0.0.1:*")
        String handle(String request) {
            return "pong";
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
        Restarted restarted() {
            return new Restarted();
        }
    }
}
