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
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A listener that returns a {@code CompletableFuture} or {@code CompletionStage} answers with the future's result
 * (or, when it fails, with an error reply), not with the future serialised. The futures are completed by the test
 * thread, so every reply is finished on a thread that does not own the socket. A ROUTER listener reads the next
 * request while a future is pending, and a graceful stop waits for a pending future.
 */
class FutureReplyListenerTest {

    @Test
    void shouldAnswerARouterRequestWhenItsFutureCompletesAndKeepReadingMeanwhile() throws InterruptedException {
        try (ConfigurableApplicationContext app = start();
                Context clients = Context.create();
                Socket dealer = TestClients.connected(clients, SocketType.DEALER, endpoint(app, "router"))) {
            Pending pending = app.getBean(Pending.class);
            dealer.send(Message.of("", "a"));
            dealer.send(Message.of("", "b"));
            PendingRequest a = pending.next();
            // The listener thread was not held by a's future: it read b and handed out b's future too.
            PendingRequest b = pending.next();
            assertThat(Arrays.asList(a.request(), b.request())).containsExactly("a", "b");

            b.future().complete("done b");
            assertThat(body(dealer)).isEqualTo("done b");
            a.future().complete("done a");
            assertThat(body(dealer)).isEqualTo("done a");

            dealer.send(Message.of("", "c"));
            pending.next().future().completeExceptionally(new IllegalStateException("refusing c"));
            Message error = TestClients.receive(dealer);
            Message reply = Message.of(error.get(1), error.get(2));
            assertThat(ZmqErrorReplies.isError(reply)).isTrue();
            assertThat(ZmqErrorReplies.description(reply)).isEqualTo("IllegalStateException: refusing c");
        }
    }

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 2})
    void shouldAnswerARepRequestWithTheResultOfItsCompletionStage(int concurrency) throws InterruptedException {
        try (ConfigurableApplicationContext app = start("listener.concurrency=" + concurrency);
                Context clients = Context.create();
                Socket req = TestClients.connected(clients, SocketType.REQ, endpoint(app, "rep"))) {
            Pending pending = app.getBean(Pending.class);
            req.send("x");
            pending.next().future().complete("done x");
            assertThat(TestClients.receive(req).getString(0)).isEqualTo("done x");
            req.send("y");
            pending.next().future().completeExceptionally(new IllegalArgumentException("refusing y"));
            assertThat(ZmqErrorReplies.description(TestClients.receive(req)))
                    .isEqualTo("IllegalArgumentException: refusing y");
        }
    }

    @Test
    void shouldWaitForAPendingFutureWhenStopping() throws InterruptedException {
        try (ConfigurableApplicationContext app = start();
                Context clients = Context.create();
                Socket dealer = TestClients.connected(clients, SocketType.DEALER, endpoint(app, "router"))) {
            ZmqListenerContainer container =
                    app.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer("router");
            dealer.send(Message.of("", "d"));
            PendingRequest d = app.getBean(Pending.class).next();
            Thread stopper = new Thread(container::stop, "test-stopper");
            stopper.start();
            // stop() raises the stop flag before it waits for the listener thread: once it waits, we are stopping.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!isJoining(stopper)) {
                assertThat(System.nanoTime())
                        .as("the stopper waits for the listener thread")
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
            d.future().complete("done d");
            assertThat(body(dealer)).isEqualTo("done d");
            stopper.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(stopper.isAlive())
                    .as("the stop finished once the reply was sent")
                    .isFalse();
            assertThat(container.isRunning()).isFalse();
        }
    }

    private static boolean isJoining(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(Thread.class.getName())
                        && frame.getMethodName().equals("join"));
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(TestApplication.class)
                .properties("listener.concurrency=1")
                .properties(properties)
                .run();
    }

    private static String endpoint(ConfigurableApplicationContext app, String id) {
        return app.getBean(ZmqListenerEndpointRegistry.class)
                .getListenerContainer(id)
                .getBoundEndpoints()
                .get(0);
    }

    /** The reply a DEALER gets from a ROUTER listener: [empty][body]. */
    private static String body(Socket dealer) {
        Message reply = TestClients.receive(dealer);
        assertThat(reply.size()).as("frames of %s", reply).isEqualTo(2);
        return reply.getString(1);
    }

    record PendingRequest(String request, CompletableFuture<String> future) {}

    /** The futures the listeners handed out, in order, for the test to complete. */
    static class Pending {
        private final BlockingQueue<PendingRequest> handedOut = new LinkedBlockingQueue<>();

        CompletableFuture<String> add(String request) {
            CompletableFuture<String> future = new CompletableFuture<>();
            handedOut.add(new PendingRequest(request, future));
            return future;
        }

        PendingRequest next() throws InterruptedException {
            PendingRequest next = handedOut.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a listener handed out a future within 10 s").isNotNull();
            return next;
        }
    }

    static class Listeners {
        private final Pending pending;

        Listeners(Pending pending) {
            this.pending = pending;
        }

        @ZmqListener(id = "router", type = "ROUTER", bind = "tcp://127.0.0.1:*")
        CompletableFuture<String> route(String request) {
            return pending.add(request);
        }

        @ZmqListener(id = "rep", type = "REP", bind = "tcp://127.0.0.1:*", concurrency = "${listener.concurrency}")
        CompletionStage<String> reply(String request) {
            return pending.add(request);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Pending pending() {
            return new Pending();
        }

        @Bean
        Listeners listeners(Pending pending) {
            return new Listeners(pending);
        }
    }
}
