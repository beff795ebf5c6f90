package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A REP listener whose handler throws an Error (AssertionError here; StackOverflowError, NoClassDefFoundError,
 * ExceptionInInitializerError alike) still answers exactly once and keeps serving, at concurrency 1 (the listener
 * thread) and N (a worker thread): neither thread may die and leave a REQ client waiting.
 */
class HandlerErrorTest {

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 2})
    void shouldAnswerAHandlerErrorWithAnErrorReplyAndKeepServing(int concurrency) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
                        .properties("listener.concurrency=" + concurrency)
                        .run();
                Context clients = Context.create()) {
            String endpoint = app.getBean(ZmqListenerEndpointRegistry.class)
                    .getListenerContainer("fragile")
                    .getBoundEndpoints()
                    .get(0);
            try (Socket req = TestClients.connected(clients, SocketType.REQ, endpoint)) {
                Message error = TestClients.exchange(req, Message.of("boom"));
                assertThat(ZmqErrorReplies.isError(error)).isTrue();
            }
            try (Socket req = TestClients.connected(clients, SocketType.REQ, endpoint)) {
                assertThat(TestClients.exchange(req, Message.of("fine")).getString(0))
                        .isEqualTo("ok fine");
            }
        }
    }

    static class Fragile {
        @ZmqListener(id = "fragile", type = "REP", bind = "tcp://127.0.0.1:*", concurrency = "${listener.concurrency}")
        String handle(String request) {
            if (request.equals("boom")) {
                throw new AssertionError("handler bug on " + request);
            }
            return "ok " + request;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Fragile fragile() {
            return new Fragile();
        }
    }
}
