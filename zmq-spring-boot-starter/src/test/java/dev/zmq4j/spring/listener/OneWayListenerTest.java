package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.support.ZmqHeaders;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

/** PULL and SUB listeners fed by zmq4j PUSH and PUB sockets over tcp; a stopped listener can be restarted. */
@SpringBootTest
class OneWayListenerTest {

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    Context context;

    @Autowired
    Received received;

    @Test
    void shouldReceivePushedMessages() throws InterruptedException {
        try (Socket push = context.socket(SocketType.PUSH)) {
            push.set(SocketOption.LINGER, 1000);
            push.connect(endpoint("jobs"));
            push.send("job-1");
            push.send("job-2");
            assertThat(received.jobs.poll(10, TimeUnit.SECONDS)).isEqualTo("job-1");
            assertThat(received.jobs.poll(10, TimeUnit.SECONDS)).isEqualTo("job-2");
        }
    }

    @Test
    void shouldReceiveOnlySubscribedTopicsWithTheTopicHeader() throws InterruptedException {
        try (Socket pub = context.socket(SocketType.PUB)) {
            pub.set(SocketOption.LINGER, 0);
            pub.connect(endpoint("prices"));
            // Until the subscription has travelled to the publisher it drops messages (the slow-joiner rule of
            // PUB/SUB), so publish again until the first one arrives, with a bound on the attempts.
            String first = null;
            for (int attempt = 0; attempt < 100 && first == null; attempt++) {
                pub.send(Message.of("weather.today", "rain"));
                pub.send(Message.of("prices.ACME", "42"));
                first = received.prices.poll(100, TimeUnit.MILLISECONDS);
            }
            assertThat(first).isEqualTo("prices.ACME=42");
            assertThat(received.prices).allMatch(line -> line.startsWith("prices."));
        }
    }

    @Test
    void shouldNotStartAListenerWithAutoStartupFalse() {
        assertThat(registry.getListenerContainer("dormant").isRunning()).isFalse();
        assertThat(registry.getListenerContainer("jobs").isRunning()).isTrue();
    }

    @Test
    void shouldSleepWhileIdleAndWakeAtOnceToStop() throws InterruptedException {
        Thread listenerThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("zmq4j-listener-jobs"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread zmq4j-listener-jobs"));
        // Parked without a timeout: no periodic wake-up to look for a stop request.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listenerThread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime())
                    .as("the idle listener thread parks; it is %s", listenerThread.getState())
                    .isLessThan(deadline);
            Thread.sleep(1);
        }
        registry.getListenerContainer("jobs").stop();
        listenerThread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(listenerThread.isAlive())
                .as("the stop signal woke and ended the listener thread")
                .isFalse();
        registry.getListenerContainer("jobs").start();
    }

    @Test
    void shouldRestartAStoppedContainer() throws InterruptedException {
        registry.getListenerContainer("jobs").stop();
        assertThat(registry.getListenerContainer("jobs").isRunning()).isFalse();
        registry.getListenerContainer("jobs").start();
        try (Socket push = context.socket(SocketType.PUSH)) {
            push.set(SocketOption.LINGER, 1000);
            push.connect(endpoint("jobs"));
            push.send("after-restart");
            assertThat(received.jobs.poll(10, TimeUnit.SECONDS)).isEqualTo("after-restart");
        }
    }

    private String endpoint(String id) {
        return registry.getListenerContainer(id).getBoundEndpoints().get(0);
    }

    static class Received {
        final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();
        final BlockingQueue<String> prices = new LinkedBlockingQueue<>();

        @ZmqListener(id = "jobs", type = "PULL", bind = "tcp://127.0.0.1:*")
        void job(String job) {
            jobs.add(job);
        }

        @ZmqListener(id = "prices", type = "SUB", bind = "tcp://127.0.0.1:*", topics = "#{'prices.'}")
        void price(String price, @Header(ZmqHeaders.TOPIC) String topic) {
            prices.add(topic + "=" + price);
        }

        @ZmqListener(id = "dormant", type = "PULL", bind = "tcp://127.0.0.1:*", autoStartup = "${dormant.start:false}")
        void dormant(String ignored) {}
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Received received() {
            return new Received();
        }
    }
}
