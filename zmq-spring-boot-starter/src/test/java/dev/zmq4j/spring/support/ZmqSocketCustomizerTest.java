package dev.zmq4j.spring.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

/** Customizer beans reach every socket the starter creates, in order, before it binds or connects. */
class ZmqSocketCustomizerTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

    @Test
    void shouldCustomizeListenerAndTemplateSocketsInOrderBeforeTheyBind() {
        List<String> calls = new CopyOnWriteArrayList<>();
        runner.withBean(QuoteService.class)
                .withBean("second", ZmqSocketCustomizer.class, () -> new Recorder("second", 2, calls))
                .withBean("first", ZmqSocketCustomizer.class, () -> new Recorder("first", 1, calls))
                .withPropertyValues(
                        "zmq.sockets.quotes.type=REP",
                        "zmq.sockets.quotes.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.orders.type=PUSH",
                        "zmq.sockets.orders.bind=tcp://127.0.0.1:*")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(calls)
                            .as("customizer calls: name, socket and whether it had bound already")
                            .containsSubsequence("first:orders:PUSH:unbound", "second:orders:PUSH:unbound")
                            .containsSubsequence("first:quotes:REP:unbound", "second:quotes:REP:unbound")
                            .hasSize(4);
                });
    }

    @Test
    void shouldLetACustomizerOverrideADeclaredOption() {
        SocketProperties properties = new SocketProperties();
        properties.setType(SocketType.DEALER);
        properties.setBind(List.of("tcp://127.0.0.1:*"));
        properties.setSendHwm(10);
        ZmqSocketCustomizer customizer = (name, socket) -> {
            socket.set(SocketOption.SNDHWM, 20);
            socket.set(SocketOption.PROBE_ROUTER, true);
        };
        try (Context context = Context.create(1)) {
            ZmqSocketFactory factory = new ZmqSocketFactory(
                    context,
                    Duration.ZERO,
                    new ZmqSocketRegistry(ZmqMetrics.NOOP),
                    LocalEndpoints.NONE,
                    List.of(customizer));
            try (Socket socket = factory.create("zmq.sockets.jobs", properties)) {
                factory.attach("jobs", "zmq.sockets.jobs", socket, properties);
                assertThat(socket.get(SocketOption.SNDHWM)).isEqualTo(20);
                assertThat(socket.get(SocketOption.PROBE_ROUTER)).isTrue();
            }
        }
    }

    /** Records each call; an unbound socket has no last endpoint yet. */
    private record Recorder(String label, int order, List<String> calls) implements ZmqSocketCustomizer, Ordered {
        @Override
        public void customize(String socketName, Socket socket) {
            String endpoint = socket.lastEndpoint();
            boolean bound = endpoint != null && !endpoint.isEmpty();
            calls.add(label + ":" + socketName + ":" + socket.type() + ":" + (bound ? "bound" : "unbound"));
        }

        @Override
        public int getOrder() {
            return order;
        }
    }

    static class QuoteService {
        @ZmqListener(socket = "quotes")
        String quote(String symbol) {
            return symbol;
        }
    }
}
