package dev.zmq4j.spring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * {@code @SendTo("socket")} forwards a listener's result to a declared sending socket over real tcp, besides the
 * reply of a REP listener; a target that is missing or cannot send, and any spring-messaging annotation the starter
 * does not honour, fail startup naming the annotation.
 */
class SendToListenerTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
            .withPropertyValues(
                    "zmq.sockets.results.type=PUSH",
                    "zmq.sockets.results.bind=tcp://127.0.0.1:*",
                    "zmq.sockets.ticker.type=PUB",
                    "zmq.sockets.ticker.bind=tcp://127.0.0.1:*",
                    "zmq.sockets.inbox.type=PULL",
                    "zmq.sockets.inbox.bind=tcp://127.0.0.1:*");

    @Test
    void shouldForwardAOneWayListenersResultToAPushSocket() {
        runner.withUserConfiguration(Forwarding.class).run(context -> {
            try (Context clients = Context.create();
                    Socket results =
                            TestClients.connected(clients, SocketType.PULL, boundEndpoint(context, "results"));
                    Socket push = clients.socket(SocketType.PUSH)) {
                push.set(SocketOption.LINGER, 1000);
                push.connect(listenerEndpoint(context, "jobs"));
                push.send("job-1");
                assertThat(TestClients.receive(results).getString(0)).isEqualTo("done job-1");
            }
        });
    }

    @Test
    void shouldReplyAndForwardARepListenersResultToAPubTopic() {
        runner.withUserConfiguration(Forwarding.class).run(context -> {
            try (Context clients = Context.create();
                    Socket sub = TestClients.connected(clients, SocketType.SUB, boundEndpoint(context, "ticker"));
                    Socket req = TestClients.connected(clients, SocketType.REQ, listenerEndpoint(context, "quotes"))) {
                sub.set(SocketOption.SUBSCRIBE, "prices".getBytes());
                sub.set(SocketOption.RCVTIMEO, 100);
                // Until the subscription has reached the PUB it drops messages (the slow-joiner rule of PUB/SUB),
                // so ask again until a forwarded quote arrives, with a bound on the attempts.
                Message forwarded = null;
                for (int attempt = 0; attempt < 100 && forwarded == null; attempt++) {
                    assertThat(TestClients.exchange(req, Message.of("ACME")).getString(0))
                            .isEqualTo("ACME=42");
                    forwarded = sub.recvMessage();
                }
                assertThat(forwarded).as("a quote forwarded to the ticker").isNotNull();
                assertThat(forwarded.getString(0)).isEqualTo("prices");
                assertThat(forwarded.getString(1)).isEqualTo("ACME=42");
            }
        });
    }

    @ParameterizedTest(name = "@SendTo(\"{0}\")")
    @CsvSource(
            delimiter = '|',
            value = {
                "nowhere       | @SendTo on badTarget.handle: no socket 'nowhere' is declared under zmq.sockets",
                "inbox         | @SendTo on badTarget.handle: zmq.sockets.inbox is a PULL, which cannot forward",
                "ticker        | zmq.sockets.ticker is a PUB: name the topic too, @SendTo(\"ticker/<topic>\")",
                "results/jobs  | zmq.sockets.results is a PUSH, which has no topics"
            })
    void shouldFailStartupOnASendToTargetThatCannotTakeTheResult(String target, String expected) {
        runner.withPropertyValues("send-to.target=" + target)
                .withUserConfiguration(BadTarget.class)
                .run(context -> assertStartupFailure(context, expected));
    }

    @Test
    void shouldFailStartupOnASpringMessagingAnnotationTheStarterDoesNotHonour() {
        assertStartupFailure(
                Mapped.class, "@ZmqListener on mapped.handle: @MessageMapping is not supported by zmq4j listeners");
        assertStartupFailure(
                DestinationArgument.class,
                "@DestinationVariable is not supported by zmq4j listeners and would be ignored");
    }

    @Test
    void shouldAcceptTheAnnotationsItHonours() {
        runner.withUserConfiguration(Honoured.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    private void assertStartupFailure(Class<?> configuration, String expected) {
        runner.withUserConfiguration(configuration).run(context -> assertStartupFailure(context, expected));
    }

    private static void assertStartupFailure(AssertableApplicationContext context, String expected) {
        assertThat(context).hasFailed();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages.toString()).contains(expected);
    }

    private static String boundEndpoint(ApplicationContext context, String template) {
        return context.getBean(template, ZmqTemplate.class).getBoundEndpoints().get(0);
    }

    private static String listenerEndpoint(ApplicationContext context, String id) {
        return context.getBean(ZmqListenerEndpointRegistry.class)
                .getListenerContainer(id)
                .getBoundEndpoints()
                .get(0);
    }

    @Configuration(proxyBeanMethods = false)
    static class Forwarding {
        @Bean
        Workers workers() {
            return new Workers();
        }
    }

    static class Workers {
        @ZmqListener(id = "jobs", socket = "inbox")
        @SendTo("results")
        String job(String job) {
            return "done " + job;
        }

        @ZmqListener(id = "quotes", type = "REP", bind = "tcp://127.0.0.1:*")
        @SendTo("${ticker.name:ticker}/prices")
        String quote(String symbol) {
            return symbol + "=42";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadTarget {
        @Bean
        Object badTarget() {
            return new Object() {
                @ZmqListener(type = "PULL", bind = "tcp://127.0.0.1:*")
                @SendTo("${send-to.target}")
                String handle(String in) {
                    return in;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Mapped {
        @Bean
        Object mapped() {
            return new Object() {
                @ZmqListener(type = "PULL", bind = "tcp://127.0.0.1:*")
                @MessageMapping("ignored")
                void handle(String in) {}
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DestinationArgument {
        @Bean
        Object destinationArgument() {
            return new Object() {
                @ZmqListener(type = "PULL", bind = "tcp://127.0.0.1:*")
                void handle(@DestinationVariable("id") String id) {}
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Honoured {
        @Bean
        Object honoured() {
            return new Object() {
                @ZmqListener(type = "SUB", bind = "tcp://127.0.0.1:*")
                void handle(@Payload String in, @Header("zmq_topic") String topic) {}
            };
        }
    }
}
