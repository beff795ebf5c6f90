package dev.zmq4j.spring.test.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqTemplate;
import dev.zmq4j.spring.test.ZmqTest;
import dev.zmq4j.spring.test.sample.SampleApplication.Quote;
import dev.zmq4j.spring.test.sample.SampleApplication.QuoteRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * {@code @ZmqTest} moves the fixed tcp binds of application.yml to ephemeral loopback ports, and the application's
 * own connect to one of them ({@code quote-client} to {@code tcp://localhost:5555}) follows to the port bound.
 */
@SpringBootTest
@ZmqTest
class ZmqTestEndpointsTest {
    @Autowired
    Environment environment;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Autowired
    @Qualifier("quote-client")
    ZmqTemplate quoteClient;

    @Value("${local.zmq.quotes.endpoint}")
    String quotes;

    @Test
    void shouldBindEveryDeclaredTcpSocketOnAnEphemeralLoopbackPort() {
        assertThat(environment.getProperty("zmq.sockets.quotes.bind[0]")).isEqualTo("tcp://127.0.0.1:*");
        assertThat(quotes).startsWith("tcp://127.0.0.1:").doesNotEndWith(":5555");
        assertThat(registry.getListenerContainer("quotes").getBoundEndpoints()).containsExactly(quotes);
        assertThat(environment.getProperty("local.zmq.jobs.endpoint"))
                .startsWith("tcp://127.0.0.1:")
                .doesNotEndWith(":5556");
        assertThat(environment.getProperty("local.zmq.ticker.endpoint"))
                .startsWith("tcp://127.0.0.1:")
                .doesNotEndWith(":5557");
    }

    @Test
    void shouldPointTheApplicationsOwnConnectAtThePortItsBindGot() {
        // ${local.zmq.quotes.endpoints[0]}, resolved here now that quotes has bound
        assertThat(environment.getProperty("zmq.sockets.quote-client.connect[0]"))
                .isEqualTo(quotes);
        assertThat(quoteClient.request(new QuoteRequest("ACME"), Quote.class)).isEqualTo(new Quote("ACME", 42.5));
    }
}
