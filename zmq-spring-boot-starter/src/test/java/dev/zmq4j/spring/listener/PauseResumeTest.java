package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
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
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pausing a listener through the endpoint registry: the socket stays bound, nothing is read while paused (the
 * requests wait in its queue, the senders are held back by the high-water mark), replies in flight are still sent,
 * and resuming handles every waiting message once. "Nothing is read" is checked twice: the handler records whether
 * a pause was requested when it was called, and a bounded wait for a reply that must not come; neither can fail a
 * correct container.
 */
class PauseResumeTest {
    /** How long to wait for a reply that must not come; only a broken container could be caught by it. */
    private static final int ABSENCE_MILLIS = 200;

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 3})
    void shouldHoldRequestsWhilePausedAndAnswerThemOnceResumed(int concurrency) throws Exception {
        try (ConfigurableApplicationContext app = start("rep.concurrency=" + concurrency);
                Context clients = Context.create()) {
            Service service = app.getBean(Service.class);
            ContainerEvents events = app.getBean(ContainerEvents.class);
            ZmqListenerContainer rep = container(app, "rep");
            String endpoint = rep.getBoundEndpoints().get(0);

            // A request in hand when the pause comes is finished and answered.
            Socket slowClient = TestClients.connected(clients, SocketType.REQ, endpoint);
            slowClient.send("slow");
            assertThat(service.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
            rep.pause();
            assertThat(rep.isPauseRequested()).isTrue();
            service.slowRelease.countDown();
            assertThat(TestClients.receive(slowClient).getString(0)).isEqualTo("done slow");
            events.expect(ZmqListenerContainerPausedEvent.class, "rep");
            assertThat(rep.isContainerPaused()).isTrue();
            assertThat(rep.isRunning()).isTrue();
            Health paused = health(app, "rep");
            assertThat(paused.getStatus()).isEqualTo(Status.UP);
            assertThat(paused.getDetails()).containsEntry("paused", true);

            List<Socket> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket req = TestClients.connected(clients, SocketType.REQ, endpoint);
                req.send("r" + i);
                waiting.add(req);
            }
            for (Socket req : waiting) {
                assertNoReply(req);
            }
            assertThat(service.handled).containsExactly("slow");

            rep.resume();
            events.expect(ZmqListenerContainerResumedEvent.class, "rep");
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(TestClients.receive(waiting.get(i)).getString(0)).isEqualTo("done r" + i);
            }
            assertThat(service.handled).containsExactlyInAnyOrder("slow", "r0", "r1", "r2", "r3");
            assertThat(service.calledWhilePauseRequested).containsOnly(false);
            assertThat(rep.isPauseRequested()).isFalse();
            assertThat(rep.isContainerPaused()).isFalse();
            assertThat(health(app, "rep").getDetails()).doesNotContainKey("paused");
            slowClient.close();
            waiting.forEach(Socket::close);
        }
    }

    @Test
    void shouldSendTheRepliesOfFuturesCompletedWhilePaused() throws Exception {
        try (ConfigurableApplicationContext app = start();
                Context clients = Context.create()) {
            Service service = app.getBean(Service.class);
            ContainerEvents events = app.getBean(ContainerEvents.class);
            ZmqListenerContainer router = container(app, "router");
            try (Socket dealer = TestClients.connected(
                    clients, SocketType.DEALER, router.getBoundEndpoints().get(0))) {
                dealer.send(Message.of("", "first"));
                CompletableFuture<String> first = service.futures.poll(10, TimeUnit.SECONDS);
                assertThat(first).isNotNull();

                router.pause();
                events.expect(ZmqListenerContainerPausedEvent.class, "router");
                first.complete("answer first");
                assertThat(TestClients.receive(dealer).getString(1)).isEqualTo("answer first");

                dealer.send(Message.of("", "second"));
                assertNoReply(dealer);
                assertThat(service.futures).isEmpty();

                router.resume();
                events.expect(ZmqListenerContainerResumedEvent.class, "router");
                CompletableFuture<String> second = service.futures.poll(10, TimeUnit.SECONDS);
                assertThat(second).isNotNull();
                second.complete("answer second");
                assertThat(TestClients.receive(dealer).getString(1)).isEqualTo("answer second");
            }
        }
    }

    @Test
    void shouldHoldSendersBackAtTheHighWaterMarkWhilePausedAndLoseNothing() throws Exception {
        try (ConfigurableApplicationContext app = start();
                Context clients = Context.create()) {
            Service service = app.getBean(Service.class);
            ContainerEvents events = app.getBean(ContainerEvents.class);
            ZmqListenerContainer jobs = container(app, "jobs");
            jobs.pause();
            events.expect(ZmqListenerContainerPausedEvent.class, "jobs");
            try (Socket push = clients.socket(SocketType.PUSH);
                    Poller poller = clients.poller()) {
                push.set(SocketOption.LINGER, 0);
                push.set(SocketOption.SNDHWM, 5);
                push.set(SocketOption.SNDBUF, 4096);
                push.connect(jobs.getBoundEndpoints().get(0));
                int writable = poller.register(push, Poller.POLLOUT);
                String padding = ":" + "x".repeat(1024);
                assertThat(poller.poll(10_000))
                        .as("the sender can queue its first message")
                        .isPositive();
                int sent = 0;
                // Blocking sends until the first is refused: a PUSH with no connected peer would also refuse,
                // so wait for room first, each time with a bound.
                while (sent < 200_000) {
                    if (poller.poll(ABSENCE_MILLIS) == 0 || !poller.isWritable(writable)) {
                        break;
                    }
                    if (!push.send("job-" + sent + padding, Socket.DONTWAIT)) {
                        continue;
                    }
                    sent++;
                }
                assertThat(sent)
                        .as("messages taken before the sender was held back")
                        .isBetween(1, 199_999);
                assertThat(service.jobs).isEmpty();

                jobs.resume();
                events.expect(ZmqListenerContainerResumedEvent.class, "jobs");
                for (int i = 0; i < sent; i++) {
                    assertThat(service.jobs.poll(10, TimeUnit.SECONDS)).isEqualTo("job-" + i);
                }
                assertThat(poller.poll(10_000)).as("the sender has room again").isPositive();
                assertThat(service.jobs).isEmpty();
            }
        }
    }

    @Test
    void shouldStopWhilePausedWithoutReadingTheQueueAndStartPausedAgain() throws Exception {
        try (ConfigurableApplicationContext app = start();
                Context clients = Context.create()) {
            Service service = app.getBean(Service.class);
            ContainerEvents events = app.getBean(ContainerEvents.class);
            ZmqListenerContainer rep = container(app, "rep");
            rep.pause();
            events.expect(ZmqListenerContainerPausedEvent.class, "rep");
            try (Socket queued = TestClients.connected(
                    clients, SocketType.REQ, rep.getBoundEndpoints().get(0))) {
                queued.send("queued");
                assertNoReply(queued);
            }
            rep.stop();
            assertThat(rep.isRunning()).isFalse();
            assertThat(rep.isContainerPaused()).isFalse();
            assertThat(rep.isPauseRequested()).as("the pause outlives the stop").isTrue();
            assertThat(service.handled).isEmpty();

            rep.start();
            events.expect(ZmqListenerContainerPausedEvent.class, "rep");
            assertThat(rep.isContainerPaused()).isTrue();
            try (Socket req = TestClients.connected(
                    clients, SocketType.REQ, rep.getBoundEndpoints().get(0))) {
                req.send("after restart");
                assertNoReply(req);
                rep.resume();
                assertThat(TestClients.receive(req).getString(0)).isEqualTo("done after restart");
            }
            assertThat(service.handled).containsExactly("after restart");
        }
    }

    @Test
    void shouldHonourAutoStartupOnEveryStartOfTheRegistry() throws Exception {
        try (ConfigurableApplicationContext app = start();
                Context clients = Context.create()) {
            ContainerEvents events = app.getBean(ContainerEvents.class);
            ZmqListenerContainer dormant = container(app, "dormant");
            assertThat(dormant.isRunning()).isFalse();
            app.stop();
            app.start();
            assertThat(container(app, "rep").isRunning()).isTrue();
            assertThat(dormant.isRunning()).as("not started by a context start").isFalse();
            app.restart();
            assertThat(container(app, "rep").isRunning()).isTrue();
            assertThat(dormant.isRunning())
                    .as("not started by a context restart")
                    .isFalse();

            dormant.pause();
            dormant.start();
            events.expect(ZmqListenerContainerPausedEvent.class, "dormant");
            try (Socket req = TestClients.connected(
                    clients, SocketType.REQ, dormant.getBoundEndpoints().get(0))) {
                req.send("wake");
                assertNoReply(req);
                app.getBean(ZmqListenerEndpointRegistry.class)
                        .getListenerContainer("dormant")
                        .resume();
                assertThat(TestClients.receive(req).getString(0)).isEqualTo("dormant wake");
            }
        }
    }

    private static void assertNoReply(Socket socket) {
        TestClients.assertNoReply(socket, ABSENCE_MILLIS);
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "zmq.sockets.jobs.type=PULL",
                "zmq.sockets.jobs.bind=tcp://127.0.0.1:*",
                "zmq.sockets.jobs.receive-hwm=5",
                "zmq.sockets.jobs.receive-buffer=4KB"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
                .properties(all.toArray(String[]::new))
                .run();
        app.getBean(Service.class).registry = app.getBean(ZmqListenerEndpointRegistry.class);
        return app;
    }

    private static ZmqListenerContainer container(ConfigurableApplicationContext app, String id) {
        return app.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer(id);
    }

    private static Health health(ConfigurableApplicationContext app, String socketName) {
        SocketHealthTracker tracker = app.getBean(ZmqSocketRegistry.class).tracker(socketName);
        return new ZmqSocketHealthIndicator(tracker, Duration.ofSeconds(10), Clock.systemUTC()).health();
    }

    static class Service {
        final BlockingQueue<String> handled = new LinkedBlockingQueue<>();
        final List<Boolean> calledWhilePauseRequested = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch slowEntered = new CountDownLatch(1);
        final CountDownLatch slowRelease = new CountDownLatch(1);
        final BlockingQueue<CompletableFuture<String>> futures = new LinkedBlockingQueue<>();
        final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();
        volatile ZmqListenerEndpointRegistry registry;

        @ZmqListener(id = "rep", type = "REP", bind = "tcp://127.0.0.1:*", concurrency = "${rep.concurrency:1}")
        String rep(String request) throws InterruptedException {
            calledWhilePauseRequested.add(registry.getListenerContainer("rep").isPauseRequested());
            handled.add(request);
            if (request.equals("slow")) {
                slowEntered.countDown();
                slowRelease.await(20, TimeUnit.SECONDS);
            }
            return "done " + request;
        }

        @ZmqListener(id = "router", type = "ROUTER", bind = "tcp://127.0.0.1:*")
        CompletableFuture<String> router(String request) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            futures.add(reply);
            return reply;
        }

        @ZmqListener(socket = "jobs")
        void job(String job) {
            jobs.add(job.substring(0, job.indexOf(':')));
        }

        @ZmqListener(id = "dormant", type = "REP", bind = "tcp://127.0.0.1:*", autoStartup = "false")
        String dormant(String request) {
            return "dormant " + request;
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
