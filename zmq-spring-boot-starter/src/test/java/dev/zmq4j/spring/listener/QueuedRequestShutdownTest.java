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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A REP listener busy with {@code concurrency} requests has one more request already received by its socket (queued,
 * not yet handed to a handler). Stopping the listener, as closing the application does, answers the busy ones and
 * the queued one too, so no REQ client is left waiting.
 */
class QueuedRequestShutdownTest {

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 2})
    void shouldAnswerRequestsAlreadyQueuedInTheSocketWhenTheContextCloses(int concurrency) throws Exception {
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
                req.send("busy-" + i);
                requesters.add(req);
            }
            assertThat(gate.inside.await(10, TimeUnit.SECONDS))
                    .as("handlers busy")
                    .isTrue();
            Socket queued = TestClients.connected(clients, SocketType.REQ, endpoint);
            queued.send("queued");
            requesters.add(queued);
            // The extra client's request is queued in the listener's socket once its connection is up.
            waitUntilConnected(app, concurrency);
            // Stop the listener the way the registry does on close, and let the busy handlers finish only once the
            // stop is under way (the stopper is waiting for the container thread).
            Thread stopper = new Thread(
                    app.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer("slow")::stop, "stopper");
            stopper.start();
            waitUntilWaiting(stopper);
            gate.release.countDown();
            for (int i = 0; i < requesters.size(); i++) {
                Message reply = requesters.get(i).recvMessage();
                assertThat(reply)
                        .as("a reply to " + (i < concurrency ? "busy request " + i : "the queued request"))
                        .isNotNull();
                requesters.get(i).close();
            }
            stopper.join(30_000);
        } finally {
            gate.release.countDown();
            app.close();
        }
    }

    private static void waitUntilWaiting(Thread stopper) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stopper.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime() < deadline)
                    .as("the stop is waiting for the listener")
                    .isTrue();
            Thread.sleep(10);
        }
    }

    /** Bounded wait until the listener has seen the extra peer (its health tracker counts it). */
    private static void waitUntilConnected(ConfigurableApplicationContext app, int busy) throws InterruptedException {
        var health = app.getBean(dev.zmq4j.spring.support.ZmqSocketRegistry.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (health.connectedPeers("slow") < busy + 1) {
            assertThat(System.nanoTime() < deadline)
                    .as("the extra client connected")
                    .isTrue();
            Thread.sleep(10);
        }
    }

    static class Gate {
        volatile CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger handled = new AtomicInteger();

        void expect(int handlers) {
            inside = new CountDownLatch(handlers);
        }

        @ZmqListener(id = "slow", type = "REP", bind = "tcp://127.0.0.1:*", concurrency = "${listener.concurrency}")
        String slow(String request) throws InterruptedException {
            handled.incrementAndGet();
            inside.countDown();
            release.await(20, TimeUnit.SECONDS);
            return "done " + request;
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
