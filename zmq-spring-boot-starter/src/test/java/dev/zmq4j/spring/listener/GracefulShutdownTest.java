package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Closing the application while handlers are busy: the listeners stop taking requests, but every request already
 * in a handler is finished and answered before the sockets close.
 */
class GracefulShutdownTest {

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 3})
    void shouldAnswerEveryRequestInFlightWhenTheContextCloses(int concurrency) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
                .properties("listener.concurrency=" + concurrency)
                .run();
        Gate gate = app.getBean(Gate.class);
        gate.expect(concurrency);
        String endpoint = app.getBean(ZmqListenerEndpointRegistry.class)
                .getListenerContainer("slow")
                .getBoundEndpoints()
                .get(0);
        try (Context clients = Context.create()) {
            List<Socket> requesters = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                Socket req = TestClients.connected(clients, SocketType.REQ, endpoint);
                req.send("request-" + i);
                requesters.add(req);
            }
            assertThat(gate.inside.await(10, TimeUnit.SECONDS))
                    .as("all requests reached a handler")
                    .isTrue();
            Thread closer = new Thread(app::close, "closer");
            closer.start();
            assertThat(gate.closing.await(10, TimeUnit.SECONDS))
                    .as("the context started closing")
                    .isTrue();
            gate.release.countDown();
            for (Socket req : requesters) {
                Message reply = req.recvMessage();
                assertThat(reply).as("a reply to a request in flight").isNotNull();
                assertThat(reply.getString(0)).startsWith("done request-");
                req.close();
            }
            closer.join(20_000);
            assertThat(closer.isAlive()).as("the context closed").isFalse();
        }
    }

    static class Gate {
        volatile CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch closing = new CountDownLatch(1);

        void expect(int handlers) {
            inside = new CountDownLatch(handlers);
        }

        @ZmqListener(id = "slow", type = "REP", bind = "tcp://127.0.0.1:*", concurrency = "${listener.concurrency}")
        String slow(String request) throws InterruptedException {
            inside.countDown();
            release.await(20, TimeUnit.SECONDS);
            return "done " + request;
        }

        @EventListener
        void onClose(ContextClosedEvent event) {
            closing.countDown();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Gate gate() {
            return new Gate();
        }
    }
}
