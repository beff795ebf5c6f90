package dev.zmq4j.spring.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code ws://} endpoints in {@code zmq.sockets} work as tcp ones do: a REP listener and a PUB template bound on
 * ephemeral WebSocket ports with paths, their resolved endpoints (path included) published as
 * {@code local.zmq.<socket>.endpoint}, a REQ template and a SUB listener connecting through those placeholders, and
 * the health of each socket naming the ws endpoint, and the meters counting its messages.
 */
@SpringBootTest(
        properties = {
            "zmq.sockets.quotes.type=REP",
            "zmq.sockets.quotes.bind=ws://127.0.0.1:*/quotes",
            "zmq.sockets.ticker.type=PUB",
            "zmq.sockets.ticker.bind=ws://127.0.0.1:*/prices",
            "zmq.sockets.prices.type=SUB",
            "zmq.sockets.prices.connect=${local.zmq.ticker.endpoint}",
            "zmq.sockets.quote-client.type=REQ",
            "zmq.sockets.quote-client.connect=${local.zmq.quotes.endpoint}"
        })
class WebSocketEndpointsTest {
    private static final long WAIT_SECONDS = 10;

    @Value("${local.zmq.quotes.endpoint}")
    String quotes;

    @Value("${local.zmq.ticker.endpoint}")
    String ticker;

    @Autowired
    @Qualifier("ticker")
    ZmqTemplate tickerTemplate;

    @Autowired
    @Qualifier("quote-client")
    ZmqTemplate quoteClient;

    @Autowired
    ZmqSocketRegistry health;

    @Autowired
    Listeners listeners;

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldPublishTheResolvedWebSocketEndpointsWithTheirPaths() {
        assertThat(quotes).matches("ws://127\\.0\\.0\\.1:\\d+/quotes");
        assertThat(ticker).matches("ws://127\\.0\\.0\\.1:\\d+/prices");
        assertThat(health.tracker("quotes").snapshot().boundEndpoints()).containsOnlyKeys(quotes);
    }

    @Test
    void shouldAnswerARequestOverWebSocket() {
        assertThat(quoteClient.request("acme", String.class)).isEqualTo("ACME");
        assertThat(meters.get("zmq.messages.received")
                        .tag("socket", "quotes")
                        .counter()
                        .count())
                .as("the ws listener's meters count as a tcp one's")
                .isGreaterThanOrEqualTo(1);
        assertThat(health.tracker("quote-client").snapshot().connectedEndpoints())
                .as("the REQ template has a handshaken peer on the ws endpoint")
                .containsExactly(quotes);
    }

    @Test
    void shouldDeliverPricesOverWebSocket() throws InterruptedException {
        String received = TestClients.publishUntilReceived(
                () -> tickerTemplate.send("prices.ACME", "42"), listeners.prices, WAIT_SECONDS);
        assertThat(received)
                .as("a price published on %s within %ds", ticker, WAIT_SECONDS)
                .isEqualTo("42");
    }

    static class Listeners {
        final BlockingQueue<String> prices = new LinkedBlockingQueue<>();

        @ZmqListener(socket = "quotes")
        String upper(String symbol) {
            return symbol.toUpperCase();
        }

        @ZmqListener(socket = "prices", topics = "prices.")
        void price(String price) {
            prices.add(price);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Config {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }
}
