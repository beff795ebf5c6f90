package dev.zmq4j.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ZmqTemplate against @ZmqListener services over tcp: request-reply multiplexed over one DEALER, concurrency of a
 * worker-pool listener, timeouts, and the declared PUSH and PUB templates.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.jobs.type=PUSH", "zmq.sockets.jobs.bind=tcp://127.0.0.1:*",
            "zmq.sockets.ticker.type=PUB", "zmq.sockets.ticker.bind=tcp://127.0.0.1:*"
        })
class ZmqTemplateTest {
    static final int WORKERS = 4;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    ZmqTemplateFactory templates;

    @Autowired
    Context context;

    @Autowired
    Handlers handlers;

    @Autowired
    @Qualifier("jobs")
    ZmqTemplate jobs;

    @Autowired
    @Qualifier("ticker")
    ZmqTemplate ticker;

    @Test
    void shouldAnswerARequest() {
        try (ZmqTemplate client = client("echo")) {
            assertThat(client.request("hi", String.class)).isEqualTo("echo:hi");
            assertThat(client.requestAsync("async".getBytes(), byte[].class).join())
                    .isEqualTo("echo:async".getBytes());
        }
    }

    @Test
    void shouldHandleConcurrencyRequestsAtOnce() throws Exception {
        try (ZmqTemplate client = client("together")) {
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                replies.add(client.requestAsync("r" + i, String.class, Duration.ofSeconds(20)));
            }
            // Each handler waits until all WORKERS handlers are inside at once; with fewer threads they time out.
            for (CompletableFuture<String> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo("together");
            }
        }
    }

    @Test
    void shouldAnswerThousandConcurrentRequestsFromSixteenThreads() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (ZmqTemplate client = client("echo")) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int thread = 0; thread < 16; thread++) {
                int first = thread * 1000 / 16;
                int last = (thread + 1) * 1000 / 16;
                results.add(callers.submit(() -> {
                    List<CompletableFuture<String>> pending = new ArrayList<>();
                    for (int i = first; i < last; i++) {
                        pending.add(client.requestAsync("n" + i, String.class, Duration.ofSeconds(30)));
                    }
                    List<String> replies = new ArrayList<>();
                    for (CompletableFuture<String> reply : pending) {
                        replies.add(reply.join());
                    }
                    return replies;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(all.get(i)).isEqualTo("echo:n" + i);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldTimeOutWhenNoReplyComes() throws Exception {
        try (Socket silent = context.socket(SocketType.ROUTER)) {
            silent.set(SocketOption.LINGER, 0);
            silent.bind("tcp://127.0.0.1:*");
            try (ZmqTemplate client = clientOf(silent.lastEndpoint())) {
                assertThatThrownBy(() -> client.request("anyone?", String.class, Duration.ofMillis(200)))
                        .isInstanceOf(ZmqRequestTimeoutException.class)
                        .hasMessageContaining("within PT0.2S");
                CompletableFuture<String> async = client.requestAsync("anyone?", String.class, Duration.ofMillis(200));
                assertThatThrownBy(async::join).hasCauseInstanceOf(ZmqRequestTimeoutException.class);
                // the server did get both requests: [routing id][request id][empty][body]
                Message seen = silent.recvMessage();
                assertThat(seen.size()).isEqualTo(4);
                assertThat(seen.getString(3)).isEqualTo("anyone?");
            }
        }
    }

    @Test
    void shouldRaiseTheServersErrorReply() {
        try (ZmqTemplate client = client("echo")) {
            assertThatThrownBy(() -> client.request("fail", String.class))
                    .isInstanceOf(ZmqRemoteException.class)
                    .hasMessageContaining("IllegalArgumentException: asked to fail");
            assertThat(client.request("still there", String.class)).isEqualTo("echo:still there");
        }
    }

    @Test
    void shouldPushThroughTheDeclaredTemplate() {
        try (Socket pull = TestClients.connected(
                context, SocketType.PULL, jobs.getBoundEndpoints().get(0))) {
            jobs.send("job-1").join();
            assertThat(pull.recvString()).isEqualTo("job-1");
        }
    }

    @Test
    void shouldPublishTopicAndBodyFrames() {
        try (Socket sub = TestClients.connected(
                context, SocketType.SUB, ticker.getBoundEndpoints().get(0))) {
            sub.set(SocketOption.RCVTIMEO, 100);
            sub.set(SocketOption.SUBSCRIBE, "prices.".getBytes());
            Message received = null;
            // PUB drops until the subscription arrives (slow joiner): publish again, bounded, until one arrives.
            for (int attempt = 0; attempt < 100 && received == null; attempt++) {
                ticker.send("prices.ACME", "42").join();
                received = sub.recvMessage();
            }
            assertThat(received).isNotNull();
            assertThat(received.getString(0)).isEqualTo("prices.ACME");
            assertThat(received.getString(1)).isEqualTo("42");
        }
    }

    @Test
    void shouldRefuseRequestsOnASendOnlySocket() {
        assertThatThrownBy(() -> jobs.request("x", String.class))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("PUSH");
        assertThatThrownBy(() -> jobs.send("topic", "x"))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("PUB");
    }

    private ZmqTemplate client(String listenerId) {
        return clientOf(
                registry.getListenerContainer(listenerId).getBoundEndpoints().get(0));
    }

    private ZmqTemplate clientOf(String endpoint) {
        SocketProperties properties = new SocketProperties();
        properties.setType(SocketType.DEALER);
        properties.setConnect(List.of(endpoint));
        return templates.create("client", properties);
    }

    static class Handlers {
        final CountDownLatch inside = new CountDownLatch(WORKERS);

        @ZmqListener(id = "echo", type = "ROUTER", bind = "tcp://127.0.0.1:*", concurrency = "4")
        String echo(String text) {
            if (text.equals("fail")) {
                throw new IllegalArgumentException("asked to fail");
            }
            return "echo:" + text;
        }

        @ZmqListener(id = "together", type = "REP", bind = "tcp://127.0.0.1:*", concurrency = "" + WORKERS)
        String together(String ignored) throws InterruptedException {
            inside.countDown();
            return inside.await(20, TimeUnit.SECONDS) ? "together" : "alone";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Handlers handlers() {
            return new Handlers();
        }
    }
}
