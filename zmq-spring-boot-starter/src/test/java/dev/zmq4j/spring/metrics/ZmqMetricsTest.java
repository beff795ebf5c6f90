package dev.zmq4j.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqRemoteException;
import dev.zmq4j.spring.core.ZmqRequestTimeoutException;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Counters and observation-derived timers in a SimpleMeterRegistry count exactly what was sent and received. */
@SpringBootTest
class ZmqMetricsTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    ZmqTemplateFactory templates;

    @Autowired
    Context context;

    @Test
    void shouldCountMessagesBytesHandlingAndRequests() {
        String endpoint =
                registry.getListenerContainer("metered").getBoundEndpoints().get(0);
        try (ZmqTemplate client = templates.create("metered-client", dealerTo(endpoint))) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.request("12345", String.class)).isEqualTo("ok");
            }
            assertThatThrownBy(() -> client.request("fail", String.class)).isInstanceOf(ZmqRemoteException.class);
        }
        // listener side: 6 requests of 5 and 4 bytes in, 6 replies out
        assertThat(count("zmq.messages.received", "metered")).isEqualTo(6);
        assertThat(count("zmq.bytes.received", "metered")).isEqualTo(5 * 5 + 4);
        assertThat(count("zmq.messages.sent", "metered")).isEqualTo(6);
        // template side: each request is [8-byte id][empty][body]
        assertThat(count("zmq.messages.sent", "metered-client")).isEqualTo(6);
        assertThat(count("zmq.bytes.sent", "metered-client")).isEqualTo(5 * (8 + 5) + (8 + 4));
        assertThat(count("zmq.messages.received", "metered-client")).isEqualTo(6);
        assertThat(meters.get("zmq.listener")
                        .tag("listener", "metered")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(5);
        assertThat(meters.get("zmq.listener")
                        .tag("listener", "metered")
                        .tag("outcome", "error")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("zmq.template.request")
                        .tag("socket", "metered-client")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(5);
    }

    @Test
    void shouldCountTimeouts() {
        try (Socket silent = context.socket(SocketType.ROUTER)) {
            silent.set(SocketOption.LINGER, 0);
            silent.bind("tcp://127.0.0.1:*");
            try (ZmqTemplate client = templates.create("silent-client", dealerTo(silent.lastEndpoint()))) {
                assertThatThrownBy(() -> client.request("x", String.class, Duration.ofMillis(100)))
                        .isInstanceOf(ZmqRequestTimeoutException.class);
            }
        }
        assertThat(count("zmq.template.request.timeouts", "silent-client")).isEqualTo(1);
        assertThat(meters.get("zmq.template.request")
                        .tag("socket", "silent-client")
                        .tag("outcome", "timeout")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    private double count(String name, String socket) {
        return meters.get(name).tag("socket", socket).counter().count();
    }

    private static SocketProperties dealerTo(String endpoint) {
        SocketProperties properties = new SocketProperties();
        properties.setType(SocketType.DEALER);
        properties.setConnect(List.of(endpoint));
        return properties;
    }

    static class Metered {
        @ZmqListener(id = "metered", type = "REP", bind = "tcp://127.0.0.1:*")
        String handle(String text) {
            if (text.equals("fail")) {
                throw new IllegalStateException("failing on purpose");
            }
            return "ok";
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
        Metered metered() {
            return new Metered();
        }
    }
}
