package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateException;
import dev.zmq4j.spring.support.ZmqHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * Two DISH listeners fed by the RADIO template of the same application, which connects to both listeners' ephemeral
 * ports once they are bound: {@code prices} (concurrency 1) joins its declared {@code groups}, {@code alerts}
 * (concurrency 2, two threads on the one socket) joins the listener's {@code topics}. A RADIO drops what it sends
 * before a DISH's JOIN has reached it, so each test first sends until one message arrives.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.prices.type=DISH",
            "zmq.sockets.prices.bind=tcp://127.0.0.1:*",
            "zmq.sockets.prices.groups=prices",
            "zmq.sockets.alerts.type=DISH",
            "zmq.sockets.alerts.bind=tcp://127.0.0.1:*",
            "zmq.sockets.radio.type=RADIO",
            "zmq.sockets.radio.connect[0]=${local.zmq.prices.endpoint}",
            "zmq.sockets.radio.connect[1]=${local.zmq.alerts.endpoint}",
        })
class DishListenerTest {
    private static final int MESSAGES = 100;

    @Autowired
    @Qualifier("radio")
    ZmqTemplate radio;

    @Autowired
    Dishes dishes;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    Context context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthContributorRegistry health;

    @Test
    void shouldReceiveOnlyTheJoinedGroupWithTheGroupAsAnArgument() throws Exception {
        assertThat(radio.getSocketType()).isEqualTo(SocketType.RADIO);
        assertThat(TestClients.publishUntilReceived(() -> radio.send("prices", "warm-up"), dishes.prices, 10))
                .startsWith("prices:");
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(radio.send("prices.other", "not joined " + i)).isCompleted();
            assertThat(radio.send("alerts", "other dish " + i)).isCompleted();
            assertThat(radio.send("prices", "update " + i)).isCompleted();
        }
        // One RADIO, one connection, one reader thread: the updates come in order (after any late warm-ups, and the
        // messages other tests sent to this group), and nothing of another group comes in between.
        for (int i = 0; i < MESSAGES; i++) {
            String received;
            do {
                received = next(dishes.prices);
                assertThat(received).startsWith("prices:");
            } while (!received.startsWith("prices:update "));
            assertThat(received).isEqualTo("prices:update " + i);
        }
    }

    @Test
    void shouldReceiveTheGroupsOfTheListenersTopicsOnTwoThreads() throws Exception {
        assertThat(TestClients.publishUntilReceived(() -> radio.send("alarms", "warm-up"), dishes.alerts, 10))
                .isNotNull();
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(radio.send("alerts", "a" + i)).isCompleted();
            assertThat(radio.send("alarms", "b" + i)).isCompleted();
            assertThat(radio.send("prices.other", "not joined " + i)).isCompleted();
            assertThat(radio.send("alert", "not joined either " + i)).isCompleted();
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add("alerts:a" + i);
            expected.add("alarms:b" + i);
        }
        Set<String> received = new HashSet<>();
        while (!received.containsAll(expected)) {
            String text = next(dishes.alerts);
            // Warm-ups, and what the other tests sent to "alerts", come too; nothing of another group does.
            assertThat(text).matches("(alerts|alarms):.*");
            if (expected.contains(text)) {
                assertThat(received.add(text)).as("%s received once", text).isTrue();
            }
        }
        assertThat(dishes.alertThreads).allMatch(name -> name.startsWith("zmq4j-listener-alerts-"));
        assertThat(registry.getListenerContainer("alerts")).isInstanceOf(SharedSocketListenerContainer.class);
    }

    @Test
    void shouldForwardAResultToAGroupWithSendTo() throws Exception {
        TestClients.publishUntilReceived(() -> radio.send("prices", "warm-up"), dishes.prices, 10);
        String endpoint =
                registry.getListenerContainer("relay").getBoundEndpoints().get(0);
        try (Socket push = TestClients.connected(context, SocketType.PUSH, endpoint)) {
            push.send("hop");
            String received;
            do {
                received = dishes.prices.poll(10, TimeUnit.SECONDS);
                assertThat(received).isNotNull();
            } while (received.equals("prices:warm-up"));
            assertThat(received).isEqualTo("prices:relayed hop");
        }
    }

    @Test
    void shouldRefuseASendWithoutAGroupOrWithABadOne() {
        assertThatThrownBy(() -> radio.send("no group"))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("socket 'radio' is a RADIO socket")
                .hasMessageContaining("send(group, payload)");
        assertThatThrownBy(() -> radio.send("g".repeat(256), "x"))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("at most 255 bytes");
        assertThatThrownBy(() -> radio.send("", "x"))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> radio.request("x", String.class))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("request-reply needs DEALER, REQ or CLIENT");
    }

    @Test
    void shouldReportHealthAndMetersOfTheSockets() throws Exception {
        assertThat(TestClients.publishUntilReceived(() -> radio.send("prices", "counted"), dishes.prices, 10))
                .startsWith("prices:");
        assertThat(meters.get("zmq.messages.received")
                        .tag("socket", "prices")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("zmq.messages.sent")
                        .tag("socket", "radio")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.find("zmq.listener").tag("listener", "prices").timer())
                .isNotNull();
        CompositeHealthContributor zmq = (CompositeHealthContributor) health.getContributor("zmq");
        for (String socket : List.of("prices", "alerts", "radio")) {
            Health socketHealth = ((HealthIndicator) zmq.getContributor(socket)).health();
            assertThat(socketHealth.getStatus()).as(socket).isEqualTo(Status.UP);
        }
    }

    /** The next message a listener received, within 10 s. */
    private static String next(BlockingQueue<String> queue) throws InterruptedException {
        String received = queue.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("a message within 10 s").isNotNull();
        return received;
    }

    static class Dishes {
        final BlockingQueue<String> prices = new LinkedBlockingQueue<>();
        final BlockingQueue<String> alerts = new LinkedBlockingQueue<>();
        final Set<String> alertThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @ZmqListener(socket = "prices")
        void price(String text, @Header(ZmqHeaders.GROUP) String group) {
            prices.add(group + ":" + text);
        }

        @ZmqListener(
                socket = "alerts",
                topics = {"alerts", "alarms"},
                concurrency = "2")
        void alert(String text, @Header(ZmqHeaders.GROUP) String group) {
            alertThreads.add(Thread.currentThread().getName());
            alerts.add(group + ":" + text);
        }

        @ZmqListener(id = "relay", type = "PULL", bind = "tcp://127.0.0.1:*")
        @SendTo("radio/prices")
        String relay(String text) {
            return "relayed " + text;
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
        Dishes dishes() {
            return new Dishes();
        }
    }
}
