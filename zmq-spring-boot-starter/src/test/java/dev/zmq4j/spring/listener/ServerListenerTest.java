package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import dev.zmq4j.spring.support.ZmqHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
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
import org.springframework.messaging.handler.annotation.Payload;

/**
 * SERVER listeners over real tcp (ephemeral ports), answered to plain zmq4j CLIENT sockets: replies by routing id,
 * N handler threads on the one socket, error and future replies, the routing id argument, health and meters.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.echo.type=SERVER",
            "zmq.sockets.echo.bind=tcp://127.0.0.1:*",
            "echo.concurrency=1",
        })
class ServerListenerTest {
    private static final int PARALLEL = 4;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    Context context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    Service service;

    @ParameterizedTest(name = "listener {0}")
    @ValueSource(strings = {"echo", "echo4"}) // concurrency 1 and 4
    void shouldAnswerEveryClientOfSeveralThreadsWithItsOwnReplies(String listener) throws Exception {
        String endpoint = endpoint(listener);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String name = "t" + t;
                results.add(threads.submit(() -> {
                    List<String> replies = new ArrayList<>();
                    try (Socket client = TestClients.connected(context, SocketType.CLIENT, endpoint)) {
                        for (int i = 0; i < 25; i++) {
                            client.send(name + "-" + i);
                            replies.add(TestClients.receive(client).getString(0));
                        }
                    }
                    return replies;
                }));
            }
            for (int t = 0; t < 8; t++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    expected.add("T" + t + "-" + i);
                }
                assertThat(results.get(t).get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldRunHandlersInParallelOnTheOneSocket() throws Exception {
        String endpoint = endpoint("parallel");
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < PARALLEL; i++) {
                Socket client = TestClients.connected(context, SocketType.CLIENT, endpoint);
                client.send("x");
                clients.add(client);
            }
            Set<String> threads = new HashSet<>();
            for (Socket client : clients) {
                String reply = TestClients.receive(client).getString(0);
                assertThat(reply)
                        .as("all %d handlers were inside at once", PARALLEL)
                        .startsWith("together ");
                threads.add(reply.substring("together ".length()));
            }
            // N threads of the listener itself, each reading the socket: no worker pool behind a front thread
            assertThat(threads).hasSize(PARALLEL).allMatch(name -> name.startsWith("zmq4j-listener-parallel-"));
        } finally {
            clients.forEach(Socket::close);
        }
    }

    @Test
    void shouldAnswerAFailureWithASingleFrameErrorReplyAndKeepServing() {
        try (Socket client = TestClients.connected(context, SocketType.CLIENT, endpoint("fragile"))) {
            client.send("boom");
            Message error = TestClients.receive(client);
            assertThat(error.size()).isEqualTo(1);
            assertThat(ZmqErrorReplies.isError(error)).isTrue();
            assertThat(ZmqErrorReplies.description(error)).isEqualTo("IllegalStateException: refusing boom");
            client.send("fine");
            assertThat(TestClients.receive(client).getString(0)).isEqualTo("ok fine");
        }
    }

    @Test
    void shouldAnswerAValidationFailureAndAReplyOfSeveralFramesWithErrorReplies() {
        try (Socket client = TestClients.connected(context, SocketType.CLIENT, endpoint("validated"))) {
            client.send("{\"symbol\":\"\"}");
            Message error = TestClients.receive(client);
            assertThat(ZmqErrorReplies.description(error)).startsWith("MethodArgumentNotValidException");
            client.send("{\"symbol\":\"ACME\"}");
            assertThat(TestClients.receive(client).getString(0)).isEqualTo("ACME");
        }
        try (Socket client = TestClients.connected(context, SocketType.CLIENT, endpoint("two-frames"))) {
            client.send("x");
            Message error = TestClients.receive(client);
            assertThat(ZmqErrorReplies.isError(error)).isTrue();
            assertThat(ZmqErrorReplies.description(error)).contains("one frame");
        }
    }

    @Test
    void shouldAnswerWithTheResultOfAFutureOrItsFailure() {
        try (Socket client = TestClients.connected(context, SocketType.CLIENT, endpoint("future"))) {
            client.send("later");
            assertThat(TestClients.receive(client).getString(0)).isEqualTo("done later");
            client.send("fail");
            Message error = TestClients.receive(client);
            assertThat(ZmqErrorReplies.description(error)).isEqualTo("IllegalArgumentException: failed fail");
        }
    }

    @Test
    void shouldGoOnReadingWhileAFutureIsPending() throws Exception {
        try (Socket waiting = TestClients.connected(context, SocketType.CLIENT, endpoint("held"));
                Socket other = TestClients.connected(context, SocketType.CLIENT, endpoint("held"))) {
            waiting.send("first");
            CompletableFuture<String> first = service.held.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            other.send("second");
            CompletableFuture<String> second = service.held.poll(10, TimeUnit.SECONDS);
            assertThat(second)
                    .as("the one reader took the next request while the first was pending")
                    .isNotNull();
            second.complete("answer second");
            assertThat(TestClients.receive(other).getString(0)).isEqualTo("answer second");
            first.complete("answer first");
            assertThat(TestClients.receive(waiting).getString(0)).isEqualTo("answer first");
        }
    }

    @Test
    void shouldPassTheRoutingIdOfEachClient() {
        try (Socket first = TestClients.connected(context, SocketType.CLIENT, endpoint("who"));
                Socket second = TestClients.connected(context, SocketType.CLIENT, endpoint("who"))) {
            first.send("a");
            String firstId = TestClients.receive(first).getString(0);
            first.send("b");
            assertThat(TestClients.receive(first).getString(0)).isEqualTo(firstId);
            second.send("c");
            String secondId = TestClients.receive(second).getString(0);
            assertThat(firstId).isNotEqualTo("0");
            assertThat(secondId).isNotEqualTo("0").isNotEqualTo(firstId);
        }
    }

    @Test
    void shouldReportHealthAndMetersOfTheServerSocket() {
        try (Socket client = TestClients.connected(context, SocketType.CLIENT, endpoint("echo"))) {
            client.send("m");
            assertThat(TestClients.receive(client).getString(0)).isEqualTo("M");
            // read from this thread while the listener's thread waits in a receive on the same socket
            await("the SERVER's meters and peers")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        assertThat(meters.get("zmq.messages.received")
                                        .tag("socket", "echo")
                                        .counter()
                                        .count())
                                .isPositive();
                        assertThat(meters.get("zmq.messages.sent")
                                        .tag("socket", "echo")
                                        .counter()
                                        .count())
                                .isPositive();
                        assertThat(meters.get("zmq.peers.connected")
                                        .tag("socket", "echo")
                                        .gauge()
                                        .value())
                                .isGreaterThanOrEqualTo(1);
                        assertThat(indicator("echo").health().getDetails()).containsEntry("peers", 1);
                    });
        }
        assertThat(meters.get("zmq.listener").tag("listener", "echo").timer().count())
                .isPositive();
        Health echo = indicator("echo").health();
        assertThat(echo.getStatus()).isEqualTo(Status.UP);
        assertThat(echo.getDetails()).containsEntry("type", "SERVER");
        assertThat(indicator("parallel").health().getStatus()).isEqualTo(Status.UP);
    }

    private HealthIndicator indicator(String socket) {
        return (HealthIndicator) ((CompositeHealthContributor) health.getContributor("zmq")).getContributor(socket);
    }

    private String endpoint(String listener) {
        return registry.getListenerContainer(listener).getBoundEndpoints().get(0);
    }

    record Quote(@NotBlank String symbol) {}

    static class Service {
        private final CountDownLatch together = new CountDownLatch(PARALLEL);
        final BlockingQueue<CompletableFuture<String>> held = new LinkedBlockingQueue<>();

        @ZmqListener(socket = "echo", concurrency = "${echo.concurrency}")
        String upper(String text) {
            return text.toUpperCase();
        }

        @ZmqListener(id = "echo4", type = "SERVER", bind = "tcp://127.0.0.1:*", concurrency = "4")
        String upperInParallel(String text) {
            return text.toUpperCase();
        }

        @ZmqListener(id = "parallel", type = "SERVER", bind = "tcp://127.0.0.1:*", concurrency = "" + PARALLEL)
        String parallel(String text) throws InterruptedException {
            together.countDown();
            boolean all = together.await(10, TimeUnit.SECONDS);
            return (all ? "together " : "alone ") + Thread.currentThread().getName();
        }

        @ZmqListener(id = "fragile", type = "SERVER", bind = "tcp://127.0.0.1:*")
        String fragile(String text) {
            if (text.equals("boom")) {
                throw new IllegalStateException("refusing boom");
            }
            return "ok " + text;
        }

        @ZmqListener(id = "validated", type = "SERVER", bind = "tcp://127.0.0.1:*")
        String validated(@Valid @Payload Quote quote) {
            return quote.symbol();
        }

        @ZmqListener(id = "two-frames", type = "SERVER", bind = "tcp://127.0.0.1:*")
        Message twoFrames(String text) {
            return Message.of("one", "two");
        }

        @ZmqListener(id = "future", type = "SERVER", bind = "tcp://127.0.0.1:*")
        CompletableFuture<String> future(String text) {
            return CompletableFuture.supplyAsync(() -> {
                if (text.equals("fail")) {
                    throw new IllegalArgumentException("failed fail");
                }
                return "done " + text;
            });
        }

        @ZmqListener(id = "held", type = "SERVER", bind = "tcp://127.0.0.1:*")
        CompletableFuture<String> held(String text) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            held.add(reply);
            return reply;
        }

        @ZmqListener(id = "who", type = "SERVER", bind = "tcp://127.0.0.1:*")
        String who(String text, @Header(ZmqHeaders.ROUTING_ID) int routingId) {
            return Integer.toString(routingId);
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
        Service service() {
            return new Service();
        }
    }
}
