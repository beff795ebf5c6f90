package dev.zmq4j.spring.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the log says about bound endpoints, and what happens to a placeholder that names a socket bound later. */
@ExtendWith(OutputCaptureExtension.class)
class LocalEndpointsTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

    @Test
    void shouldLogEachResolvedEndpointAtStartup(CapturedOutput output) {
        runner.withPropertyValues("zmq.sockets.ticker.type=PUB", "zmq.sockets.ticker.bind=tcp://*:*")
                .run(context -> {
                    String endpoint = context.getEnvironment().getProperty("local.zmq.ticker.endpoint");
                    assertThat(endpoint).matches("tcp://0\\.0\\.0\\.0:\\d+");
                    assertThat(output).contains("INFO").contains("zmq socket 'ticker' bound " + endpoint);
                });
    }

    @Test
    void shouldRefuseATemplateThatConnectsToAListenersEphemeralBind() {
        runner.withBean(QuoteService.class)
                .withPropertyValues(
                        "zmq.sockets.quotes.type=REP",
                        "zmq.sockets.quotes.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.client.type=REQ",
                        "zmq.sockets.client.connect=${local.zmq.quotes.endpoint}")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidZmqConfigurationException.class)
                        .hasMessageContaining("zmq.sockets.client.connect")
                        .hasMessageContaining("'${local.zmq.quotes.endpoint}' cannot be resolved")
                        .hasMessageContaining("a template cannot connect to a listener's"));
    }

    @Test
    void shouldNameAMissingPlaceholderWithoutTheOrderingHintWhenItIsNoBoundEndpoint() {
        runner.withBean(QuoteService.class)
                .withPropertyValues("zmq.sockets.quotes.type=REP", "zmq.sockets.quotes.connect=${quotes.address}")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidZmqConfigurationException.class)
                        .hasMessageContaining("zmq.sockets.quotes.connect")
                        .hasMessageContaining("'${quotes.address}' cannot be resolved")
                        .hasMessageNotContaining("local.zmq"));
    }

    static class QuoteService {
        @ZmqListener(socket = "quotes")
        String quote(String symbol) {
            return symbol;
        }
    }
}
