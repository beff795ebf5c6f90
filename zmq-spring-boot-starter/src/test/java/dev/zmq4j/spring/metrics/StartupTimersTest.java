package dev.zmq4j.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Boot's own meter registry (the simple one a test gets) and observation registry: the observation
 * timers exist from startup, at zero, for every listener and request-reply template, and the
 * first call is recorded in that very timer (same name, same tag keys), not in a second one.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.timed.type=REP",
            "zmq.sockets.timed.bind=tcp://127.0.0.1:*",
            "zmq.sockets.timed-client.type=REQ",
            "zmq.sockets.timed-client.connect=tcp://127.0.0.1:1",
            "zmq.sockets.pooled.type=REP",
            "zmq.sockets.pooled.bind=tcp://127.0.0.1:*"
        })
class StartupTimersTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    ZmqTemplateFactory templates;

    @Test
    void shouldRegisterTheTimersBeforeTheFirstCall() {
        // Nothing ever calls "pooled" or "timed-client"; "timed" is called by the other test, in any order.
        assertThat(successTimer("zmq.listener", "listener", "timed")).isNotNull();
        Timer pooled = successTimer("zmq.listener", "listener", "pooled");
        assertThat(pooled.count()).isZero();
        assertThat(pooled.getId().getTag("socket.type"))
                .as("a pooled REP listener receives on its ROUTER front")
                .isEqualTo("ROUTER");
        Timer client = successTimer("zmq.template.request", "socket", "timed-client");
        assertThat(client.count()).isZero();
        assertThat(client.getId().getTag("socket.type")).isEqualTo("REQ");
    }

    @Test
    void shouldRecordTheFirstCallInTheTimerRegisteredAtStartup() {
        String endpoint =
                registry.getListenerContainer("timed").getBoundEndpoints().get(0);
        Timer listener = successTimer("zmq.listener", "listener", "timed");
        long listenerCallsBefore = listener.count();
        try (ZmqTemplate loopback = templates.create("loopback", reqTo(endpoint))) {
            Timer registered = successTimer("zmq.template.request", "socket", "loopback");
            assertThat(registered.count()).as("requests before the first").isZero();

            assertThat(loopback.request("ping", String.class)).isEqualTo("pong");

            assertThat(registered.count()).isEqualTo(1);
        }
        assertThat(listener.count()).isEqualTo(listenerCallsBefore + 1);
        assertThat(tagKeys(meters.find("zmq.template.request").timers()))
                .as("one set of tag keys per meter name")
                .containsExactly(Set.of("socket", "socket.type", "outcome", "error"));
        assertThat(tagKeys(meters.find("zmq.listener").timers()))
                .containsExactly(Set.of("listener", "socket.type", "outcome", "error"));
    }

    private static SocketProperties reqTo(String endpoint) {
        SocketProperties properties = new SocketProperties();
        properties.setType(SocketType.REQ);
        properties.setConnect(List.of(endpoint));
        return properties;
    }

    private Timer successTimer(String name, String identityTag, String identity) {
        Timer timer = meters.find(name)
                .tag(identityTag, identity)
                .tag("outcome", "success")
                .tag("error", "none")
                .timer();
        assertThat(timer)
                .as("%s{%s=%s} registered at startup", name, identityTag, identity)
                .isNotNull();
        return timer;
    }

    private static Set<Set<String>> tagKeys(Collection<? extends Meter> timers) {
        return timers.stream()
                .map(timer -> timer.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
    }

    static class Listeners {
        @ZmqListener(socket = "timed")
        String answer(String request) {
            return "pong";
        }

        @ZmqListener(socket = "pooled", concurrency = "2")
        String pooled(String request) {
            return request;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }
}
