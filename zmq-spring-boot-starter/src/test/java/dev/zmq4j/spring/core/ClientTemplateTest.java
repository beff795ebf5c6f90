package dev.zmq4j.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CLIENT template against the application's own SERVER listener (concurrency 4): requests from many threads,
 * each answered with its own reply; error replies, timeouts, and the socket replaced after a timeout, so that the
 * late reply is not taken for the next request's.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.quotes.type=SERVER",
            "zmq.sockets.quotes.bind=tcp://127.0.0.1:*",
            "zmq.sockets.quote-client.type=CLIENT",
            "zmq.sockets.quote-client.connect=${local.zmq.quotes.endpoint}",
            "zmq.sockets.quote-client.request-timeout=10s",
        })
class ClientTemplateTest {
    private static final int THREADS = 16;
    private static final int REQUESTS = 25;

    @Autowired
    @Qualifier("quote-client")
    ZmqTemplate client;

    @Autowired
    Quotes quotes;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    ZmqTemplateFactory templates;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Test
    void shouldAnswerEveryRequestOfSixteenThreadsWithItsOwnReply() throws Exception {
        assertThat(client.getSocketType()).isEqualTo(SocketType.CLIENT);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String name = "t" + t;
                boolean async = t % 2 == 0;
                results.add(threads.submit(() -> {
                    List<String> replies = new ArrayList<>();
                    for (int i = 0; i < REQUESTS; i++) {
                        String request = name + "-" + i;
                        replies.add(
                                async
                                        ? client.requestAsync(request, String.class)
                                                .get(30, TimeUnit.SECONDS)
                                        : client.request(request, String.class));
                    }
                    return replies;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    expected.add("quote for t" + t + "-" + i);
                }
                assertThat(results.get(t).get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(meters.get("zmq.messages.sent")
                        .tag("socket", "quote-client")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(THREADS * REQUESTS);
        assertThat(meters.get("zmq.template.request")
                        .tag("socket", "quote-client")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(THREADS * REQUESTS);
        CompositeHealthContributor zmq = (CompositeHealthContributor) health.getContributor("zmq");
        assertThat(((HealthIndicator) zmq.getContributor("quote-client"))
                        .health()
                        .getDetails())
                .containsEntry("type", "CLIENT");
    }

    @Test
    void shouldRaiseTheServersErrorReply() {
        assertThatThrownBy(() -> client.request("boom", String.class))
                .isInstanceOf(ZmqRemoteException.class)
                .hasMessageContaining("IllegalStateException: no quote for boom");
    }

    @Test
    void shouldTimeOutAndNotTakeTheLateReplyForTheNextRequests() throws Exception {
        CompletableFuture<String> stuck = client.requestAsync("hold", String.class, Duration.ofMillis(200));
        assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ZmqRequestTimeoutException.class);
        // the held handler answers now, late; the template has replaced its socket, so that answer goes nowhere
        assertThat(quotes.holding.await(10, TimeUnit.SECONDS)).isTrue();
        quotes.release.countDown();
        assertThat(client.request("next", String.class)).isEqualTo("quote for next");
        assertThat(client.request("after", String.class)).isEqualTo("quote for after");
    }

    @Test
    void shouldFailRequestsAtOnceOnceClosed() {
        SocketProperties properties = new SocketProperties();
        properties.setType(SocketType.CLIENT);
        properties.setConnect(List.of(
                registry.getListenerContainer("quotes").getBoundEndpoints().get(0)));
        ZmqTemplate extra = templates.create("extra-client", properties);
        assertThat(extra.request("X", String.class)).isEqualTo("quote for X");
        extra.close();
        assertThatThrownBy(() -> extra.request("Y", String.class, Duration.ofMinutes(1)))
                .isInstanceOf(ZmqTemplateException.class)
                .isNotInstanceOf(ZmqRequestTimeoutException.class)
                .hasMessageContaining("the template 'extra-client' is closed");
    }

    @Test
    void shouldRefuseOneWaySendsAndRequestsOfSeveralFrames() {
        assertThatThrownBy(() -> client.send("x"))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("is a CLIENT socket: use request or requestAsync");
        assertThatThrownBy(() -> client.request(dev.zmq4j.Message.of("a", "b"), String.class))
                .isInstanceOf(ZmqTemplateException.class)
                .hasMessageContaining("one frame per message");
    }

    static class Quotes {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @ZmqListener(socket = "quotes", concurrency = "4")
        String quote(String symbol) throws InterruptedException {
            if (symbol.equals("boom")) {
                throw new IllegalStateException("no quote for boom");
            }
            if (symbol.equals("hold")) {
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
                return "late quote for hold";
            }
            return "quote for " + symbol;
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
        Quotes quotes() {
            return new Quotes();
        }
    }
}
