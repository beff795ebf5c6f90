package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.event.ZmqListenerContainerPausedEvent;
import dev.zmq4j.spring.event.ZmqListenerContainerResumedEvent;
import dev.zmq4j.spring.health.SocketHealthTracker;
import dev.zmq4j.spring.health.ZmqSocketHealthIndicator;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Pause, resume and graceful shutdown of a SERVER listener, whose N threads all wait in a receive on the one socket:
 * a pause or a stop must get them out of it without losing a message, and let the handlers in progress (and the
 * futures pending) finish and answer. "Nothing is read while paused" is checked by the handler's own record and by
 * a bounded wait for a reply that must not come; neither can fail a correct container.
 */
class ServerListenerLifecycleTest {
    private static final int ABSENCE_MILLIS = 200;

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 3})
    void shouldHoldRequestsWhilePausedAndAnswerThemOnceResumed(int concurrency) throws Exception {
        try (ConfigurableApplicationContext app = start(concurrency);
                Context clients = Context.create()) {
            Service service = app.getBean(Service.class);
            ContainerEvents events = app.getBean(ContainerEvents.class);
            ZmqListenerContainer server = container(app);
            String endpoint = server.getBoundEndpoints().get(0);

            Socket slowClient = TestClients.connected(clients, SocketType.CLIENT, endpoint);
            slowClient.send("slow");
            assertThat(service.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
            server.pause();
            assertThat(server.isPauseRequested()).isTrue();
            service.slowRelease.countDown();
            assertThat(TestClients.receive(slowClient).getString(0)).isEqualTo("done slow");
            events.expect(ZmqListenerContainerPausedEvent.class, "server");
            assertThat(server.isContainerPaused()).isTrue();
            assertThat(health(app).getDetails()).containsEntry("paused", true);

            List<Socket> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket client = TestClients.connected(clients, SocketType.CLIENT, endpoint);
                client.send("r" + i);
                waiting.add(client);
            }
            for (Socket client : waiting) {
                TestClients.assertNoReply(client, ABSENCE_MILLIS);
            }
            assertThat(service.handled).containsExactly("slow");

            server.resume();
            events.expect(ZmqListenerContainerResumedEvent.class, "server");
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(TestClients.receive(waiting.get(i)).getString(0)).isEqualTo("done r" + i);
            }
            assertThat(service.handled).containsExactlyInAnyOrder("slow", "r0", "r1", "r2", "r3");
            assertThat(service.calledWhilePauseRequested).containsOnly(false);
            assertThat(server.isContainerPaused()).isFalse();
            slowClient.close();
            waiting.forEach(Socket::close);
        }
    }

    @Test
    void shouldStopWhilePausedWithoutReadingTheQueueAndStartPausedAgain() throws Exception {
        try (ConfigurableApplicationContext app = start(3);
                Context clients = Context.create()) {
            Service service = app.getBean(Service.class);
            ContainerEvents events = app.getBean(ContainerEvents.class);
            ZmqListenerContainer server = container(app);
            server.pause();
            events.expect(ZmqListenerContainerPausedEvent.class, "server");
            try (Socket queued = TestClients.connected(
                    clients, SocketType.CLIENT, server.getBoundEndpoints().get(0))) {
                queued.send("queued");
                TestClients.assertNoReply(queued, ABSENCE_MILLIS);
            }
            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(service.handled).isEmpty();

            server.start();
            events.expect(ZmqListenerContainerPausedEvent.class, "server");
            assertThat(server.isContainerPaused()).isTrue();
            server.resume();
            events.expect(ZmqListenerContainerResumedEvent.class, "server");
            try (Socket client = TestClients.connected(
                    clients, SocketType.CLIENT, server.getBoundEndpoints().get(0))) {
                client.send("after");
                assertThat(TestClients.receive(client).getString(0)).isEqualTo("done after");
            }
            assertThat(service.handled).containsExactly("after");
        }
    }

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 3})
    void shouldAnswerEveryRequestInFlightAndEveryPendingFutureWhenTheContextCloses(int concurrency) throws Exception {
        ConfigurableApplicationContext app = start(concurrency);
        Service service = app.getBean(Service.class);
        service.expectInside(concurrency);
        String endpoint = container(app).getBoundEndpoints().get(0);
        try (Context clients = Context.create()) {
            List<Socket> inFlight = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                Socket client = TestClients.connected(clients, SocketType.CLIENT, endpoint);
                client.send("gate-" + i);
                inFlight.add(client);
            }
            assertThat(service.inside.await(10, TimeUnit.SECONDS))
                    .as("every handler thread holds a request")
                    .isTrue();
            Socket futureClient = TestClients.connected(clients, SocketType.CLIENT, futureEndpoint(app));
            futureClient.send("pending");
            CompletableFuture<String> pending = service.futures.poll(10, TimeUnit.SECONDS);
            assertThat(pending).isNotNull();

            Thread closer = new Thread(app::close, "closer");
            closer.start();
            assertThat(service.closing.await(10, TimeUnit.SECONDS)).isTrue();
            service.gateRelease.countDown();
            pending.complete("answered pending");
            for (int i = 0; i < concurrency; i++) {
                assertThat(TestClients.receive(inFlight.get(i)).getString(0)).isEqualTo("done gate-" + i);
            }
            assertThat(TestClients.receive(futureClient).getString(0)).isEqualTo("answered pending");
            closer.join(20_000);
            assertThat(closer.isAlive()).as("the context closed").isFalse();
            inFlight.forEach(Socket::close);
            futureClient.close();
        }
    }

    private static ConfigurableApplicationContext start(int concurrency) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
                .properties(
                        "zmq.sockets.server.type=SERVER",
                        "zmq.sockets.server.bind=tcp://127.0.0.1:*",
                        "server.concurrency=" + concurrency)
                .run();
        app.getBean(Service.class).registry = app.getBean(ZmqListenerEndpointRegistry.class);
        return app;
    }

    private static ZmqListenerContainer container(ConfigurableApplicationContext app) {
        return app.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer("server");
    }

    private static String futureEndpoint(ConfigurableApplicationContext app) {
        return app.getBean(ZmqListenerEndpointRegistry.class)
                .getListenerContainer("future-server")
                .getBoundEndpoints()
                .get(0);
    }

    private static org.springframework.boot.health.contributor.Health health(ConfigurableApplicationContext app) {
        SocketHealthTracker tracker = app.getBean(ZmqSocketRegistry.class).tracker("server");
        return new ZmqSocketHealthIndicator(tracker, Duration.ofSeconds(10), Clock.systemUTC()).health();
    }

    static class Service {
        final BlockingQueue<String> handled = new LinkedBlockingQueue<>();
        final List<Boolean> calledWhilePauseRequested = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch slowEntered = new CountDownLatch(1);
        final CountDownLatch slowRelease = new CountDownLatch(1);
        volatile CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch gateRelease = new CountDownLatch(1);
        final CountDownLatch closing = new CountDownLatch(1);
        final BlockingQueue<CompletableFuture<String>> futures = new LinkedBlockingQueue<>();
        volatile ZmqListenerEndpointRegistry registry;

        void expectInside(int handlers) {
            inside = new CountDownLatch(handlers);
        }

        @ZmqListener(socket = "server", concurrency = "${server.concurrency}")
        String serve(String request) throws InterruptedException {
            calledWhilePauseRequested.add(
                    registry.getListenerContainer("server").isPauseRequested());
            handled.add(request);
            if (request.equals("slow")) {
                slowEntered.countDown();
                slowRelease.await(20, TimeUnit.SECONDS);
            }
            if (request.startsWith("gate-")) {
                inside.countDown();
                gateRelease.await(20, TimeUnit.SECONDS);
            }
            return "done " + request;
        }

        @ZmqListener(id = "future-server", type = "SERVER", bind = "tcp://127.0.0.1:*")
        CompletableFuture<String> later(String request) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            futures.add(reply);
            return reply;
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
        Service service() {
            return new Service();
        }

        @Bean
        ContainerEvents events() {
            return new ContainerEvents();
        }
    }
}
