package dev.zmq4j.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.PayloadConverter;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.converter.StringMessageConverter;

/**
 * With a fixed routing id (a declared {@code routing-id}, e.g. after an application restart) a ROUTER server's late
 * reply to the previous template's request must not complete a request of the new one: request ids start at a
 * random value, not at 1 for every template.
 */
class RequestIdReuseTest {

    @Test
    void shouldNotCompleteANewRequestWithALateReplyToAnEarlierTemplateInstance() throws Exception {
        try (Context context = Context.create();
                Socket server = context.socket(SocketType.ROUTER)) {
            server.set(SocketOption.LINGER, 0);
            server.set(SocketOption.RCVTIMEO, TestClients.REPLY_TIMEOUT_MILLIS);
            // A restarted client takes its routing id over (otherwise it waits until the old connection is gone).
            server.set(SocketOption.ROUTER_HANDOVER, true);
            server.bind("tcp://127.0.0.1:*");
            ZmqTemplateFactory templates = new ZmqTemplateFactory(
                    new ZmqSocketFactory(context, Duration.ZERO),
                    new PayloadConverter(new StringMessageConverter()),
                    ObservationRegistry.NOOP,
                    ZmqMetrics.NOOP,
                    Duration.ofMillis(100));
            SocketProperties properties = new SocketProperties();
            properties.setType(SocketType.DEALER);
            properties.setRoutingId("orders-client");
            properties.setReconnectInterval(Duration.ofMillis(50));
            properties.setConnect(List.of(server.lastEndpoint()));

            // Incarnation A asks, the server is slow; A goes away (an application restart).
            Message stale;
            try (ZmqTemplate first = templates.create("orders", properties)) {
                first.requestAsync("question from A", String.class, Duration.ofSeconds(30));
                stale = server.recvMessage();
                assertThat(stale).as("A's request reached the server").isNotNull();
            }
            // Incarnation B, same routing id, asks its own first question.
            try (ZmqTemplate second = templates.create("orders", properties)) {
                CompletableFuture<String> reply =
                        second.requestAsync("question from B", String.class, Duration.ofSeconds(30));
                Message fresh = server.recvMessage();
                assertThat(fresh).as("B's request reached the server").isNotNull();
                // The server finally answers A's old request: routed by routing id, it reaches B.
                server.send(Message.of(stale.get(0), stale.get(1), stale.get(2), "answer for A".getBytes()));
                server.send(Message.of(fresh.get(0), fresh.get(1), fresh.get(2), "answer for B".getBytes()));
                assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("answer for B");
            }
        }
    }
}
