package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.support.ZmqHeaders;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

/**
 * A DISH listener bound to an ephemeral udp port and the RADIO template that sends to it through
 * {@code ${local.zmq.<dish>.endpoint}}. No JOIN travels over udp: the RADIO sends every message and the DISH filters
 * by its groups. udp may lose datagrams, so the test sends until one of its group has arrived.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.feed.type=DISH",
            "zmq.sockets.feed.bind=udp://127.0.0.1:*",
            "zmq.sockets.radio.type=RADIO",
            "zmq.sockets.radio.connect=${local.zmq.feed.endpoint}",
        })
class DishUdpListenerTest {
    @Autowired
    @Qualifier("radio")
    ZmqTemplate radio;

    @Autowired
    Feed feed;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    HealthContributorRegistry health;

    @Test
    void shouldReceiveItsGroupOverUdp() throws Exception {
        assertThat(registry.getListenerContainer("feed").getBoundEndpoints())
                .singleElement()
                .asString()
                .matches("udp://127\\.0\\.0\\.1:\\d+");
        String first = TestClients.publishUntilReceived(
                () -> {
                    radio.send("other", "not joined");
                    radio.send("prices", "tick");
                },
                feed.received,
                10);
        assertThat(first).isEqualTo("prices:tick");
        // udp has no connections, hence no peer to wait for: the RADIO is UP, not connecting (and later DOWN).
        CompositeHealthContributor zmq = (CompositeHealthContributor) health.getContributor("zmq");
        for (String socket : List.of("feed", "radio")) {
            Health socketHealth = ((HealthIndicator) zmq.getContributor(socket)).health();
            assertThat(socketHealth.getStatus()).as(socket).isEqualTo(Status.UP);
            assertThat(socketHealth.getDetails()).as(socket).containsEntry("state", "up");
        }
    }

    static class Feed {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @ZmqListener(socket = "feed", topics = "prices")
        void receive(String text, @Header(ZmqHeaders.GROUP) String group) {
            received.add(group + ":" + text);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Feed feed() {
            return new Feed();
        }
    }
}
