package dev.zmq4j.spring.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Ephemeral binds made known to the application and its tests: {@code local.zmq.<socket>.endpoint} (and the
 * indexed form) read with {@code @Value}, a listener socket and an inline listener connecting to a template's
 * ephemeral bind through the placeholder, a REQ template connecting to a listener's (bound after the template was
 * created), and one {@link ZmqSocketBoundEvent} per socket that binds.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.quotes.type=REP",
            "zmq.sockets.quotes.bind=tcp://127.0.0.1:*",
            "zmq.sockets.ticker.type=PUB",
            "zmq.sockets.ticker.bind[0]=tcp://127.0.0.1:*",
            "zmq.sockets.ticker.bind[1]=tcp://127.0.0.1:*",
            "zmq.sockets.prices.type=SUB",
            "zmq.sockets.prices.connect=${local.zmq.ticker.endpoints[1]}",
            "zmq.sockets.jobs.type=PUSH",
            "zmq.sockets.jobs.bind=tcp://127.0.0.1:*",
            "zmq.sockets.quote-client.type=REQ",
            "zmq.sockets.quote-client.connect=${local.zmq.quotes.endpoint}"
        })
class BoundEndpointsTest {
    private static final long WAIT_SECONDS = 10;

    @Value("${local.zmq.quotes.endpoint}")
    String quotes;

    @Value("${local.zmq.ticker.endpoint}")
    String firstTicker;

    @Value("${local.zmq.ticker.endpoints[0]}")
    String tickerZero;

    @Value("${local.zmq.ticker.endpoints[1]}")
    String tickerOne;

    @Autowired
    Context context;

    @Autowired
    @Qualifier("ticker")
    ZmqTemplate ticker;

    @Autowired
    @Qualifier("jobs")
    ZmqTemplate jobs;

    @Autowired
    @Qualifier("quote-client")
    ZmqTemplate quoteClient;

    @Autowired
    ZmqSocketRegistry health;

    @Autowired
    Listeners listeners;

    @Test
    void shouldExposeTheResolvedEndpointsAsProperties() {
        assertThat(quotes).matches("tcp://127\\.0\\.0\\.1:\\d+");
        assertThat(tickerZero).isEqualTo(firstTicker).matches("tcp://127\\.0\\.0\\.1:\\d+");
        assertThat(tickerOne).matches("tcp://127\\.0\\.0\\.1:\\d+").isNotEqualTo(tickerZero);
        assertThat(ticker.getBoundEndpoints()).containsExactly(tickerZero, tickerOne);
    }

    @Test
    void shouldLetATestConnectToAListenersEphemeralBind() {
        try (Socket req = TestClients.connected(context, SocketType.REQ, quotes)) {
            assertThat(TestClients.exchange(req, Message.of("acme")).getString(0))
                    .isEqualTo("ACME");
        }
    }

    @Test
    void shouldConnectATemplateToAListenersEphemeralBindOnceItIsBound() {
        assertThat(quoteClient.request("acme", String.class)).isEqualTo("ACME");
        assertThat(health.tracker("quote-client").snapshot().connectEndpoints())
                .as("the health of the template names the endpoint it connected to, not the placeholder")
                .containsExactly(quotes);
    }

    @Test
    void shouldLetAListenerSocketConnectToATemplatesEphemeralBind() throws InterruptedException {
        String received = TestClients.publishUntilReceived(
                () -> ticker.send("prices.ACME", "42"), listeners.prices, WAIT_SECONDS);
        assertThat(received)
                .as("a price published on %s within %ds", tickerOne, WAIT_SECONDS)
                .isEqualTo("42");
    }

    @Test
    void shouldLetAnInlineListenerConnectToATemplatesEphemeralBind() throws InterruptedException {
        jobs.send("job-1");
        assertThat(listeners.jobs.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the job pushed to the inline PULL listener within %ds", WAIT_SECONDS)
                .isEqualTo("job-1");
    }

    @Test
    void shouldPublishOneEventPerBoundSocket() {
        assertThat(listeners.events)
                .extracting(ZmqSocketBoundEvent::getSocketName)
                .containsExactlyInAnyOrder("quotes", "ticker", "jobs");
        assertThat(listeners.events)
                .filteredOn(event -> event.getSocketName().equals("ticker"))
                .singleElement()
                .extracting(ZmqSocketBoundEvent::getEndpoints)
                .isEqualTo(List.of(tickerZero, tickerOne));
        assertThat(listeners.events)
                .filteredOn(event -> event.getSocketName().equals("quotes"))
                .singleElement()
                .extracting(ZmqSocketBoundEvent::getEndpoints)
                .isEqualTo(List.of(quotes));
    }

    static class Listeners {
        final BlockingQueue<String> prices = new LinkedBlockingQueue<>();
        final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();
        final List<ZmqSocketBoundEvent> events = new CopyOnWriteArrayList<>();

        @ZmqListener(socket = "quotes")
        String upper(String symbol) {
            return symbol.toUpperCase();
        }

        @ZmqListener(socket = "prices", topics = "prices.")
        void price(String price) {
            prices.add(price);
        }

        @ZmqListener(id = "job-worker", type = "PULL", connect = "${local.zmq.jobs.endpoint}")
        void job(String job) {
            jobs.add(job);
        }

        @EventListener
        void bound(ZmqSocketBoundEvent event) {
            events.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Config {
        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }
}
