package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.core.ZmqTemplateException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
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
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * A GATHER listener (one-way, three threads on the one socket) fed by the SCATTER template of the same application,
 * which connects to the listener's ephemeral port once it is bound, and by a plain zmq4j SCATTER.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.inbox.type=GATHER",
            "zmq.sockets.inbox.bind=tcp://127.0.0.1:*",
            "zmq.sockets.outbox.type=SCATTER",
            "zmq.sockets.outbox.connect=${local.zmq.inbox.endpoint}",
        })
class GatherListenerTest {
    private static final int MESSAGES = 200;

    @Autowired
    @Qualifier("outbox")
    ZmqTemplate outbox;

    @Autowired
    Inbox inbox;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    Context context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthContributorRegistry health;

    @Test
    void shouldReceiveEveryMessageOfTheScatterTemplateOnce() throws Exception {
        assertThat(outbox.getSocketType()).isEqualTo(SocketType.SCATTER);
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(outbox.send("template-" + i)).isCompleted();
        }
        Set<String> received = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            String text = inbox.received.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("message %d of %d", i, MESSAGES).isNotNull();
            assertThat(received.add(text)).as("%s received once", text).isTrue();
        }
        assertThat(received).hasSize(MESSAGES).allMatch(text -> text.startsWith("template-"));
    }

    @Test
    void shouldReceiveFromAPlainScatterSocket() throws Exception {
        assertThat(sendAndReceive("inbox", "plain")).isEqualTo("plain");
    }

    @Test
    void shouldForwardAResultToTheScatterTemplateWithSendTo() throws Exception {
        assertThat(sendAndReceive("relay", "hop")).isEqualTo("relayed hop");
    }

    /** Sends {@code text} from a plain SCATTER to the listener; what the inbox listener got next. */
    private String sendAndReceive(String listener, String text) throws InterruptedException {
        String endpoint =
                registry.getListenerContainer(listener).getBoundEndpoints().get(0);
        try (Socket scatter = TestClients.connected(context, SocketType.SCATTER, endpoint)) {
            scatter.send(text);
            return inbox.received.poll(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldReportHealthAndMetersOfBothSockets() throws Exception {
        assertThat(outbox.send("counted")).isCompleted();
        assertThat(inbox.received.poll(10, TimeUnit.SECONDS)).isEqualTo("counted");
        assertThat(meters.get("zmq.messages.received")
                        .tag("socket", "inbox")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("zmq.messages.sent")
                        .tag("socket", "outbox")
                        .counter()
                        .count())
                .isPositive();
        CompositeHealthContributor zmq = (CompositeHealthContributor) health.getContributor("zmq");
        for (String socket : List.of("inbox", "outbox")) {
            Health socketHealth = ((HealthIndicator) zmq.getContributor(socket)).health();
            assertThat(socketHealth.getStatus()).as(socket).isEqualTo(Status.UP);
        }
    }

    @Test
    void shouldRefuseAMessageOfSeveralFramesAndARequest() {
        assertThatThrownBy(() -> outbox.send(Message.of("a", "b")).get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("one frame per message");
        assertThatThrownBy(() -> outbox.request("x", String.class))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("request-reply needs DEALER, REQ or CLIENT");
    }

    static class Inbox {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @ZmqListener(socket = "inbox", concurrency = "3")
        void receive(String text) {
            received.add(text);
        }

        @ZmqListener(id = "relay", type = "GATHER", bind = "tcp://127.0.0.1:*")
        @SendTo("outbox")
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
        Inbox inbox() {
            return new Inbox();
        }
    }
}
