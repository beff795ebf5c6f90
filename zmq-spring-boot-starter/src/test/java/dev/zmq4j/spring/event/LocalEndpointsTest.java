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

/** What the log says about bound endpoints, and the failure of a listener whose placeholder names no bound socket. */
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
    void shouldRefuseAListenerThatConnectsToAnEndpointNothingHasBound() {
        runner.withBean(QuoteService.class)
                .withPropertyValues(
                        "zmq.sockets.quotes.type=REP", "zmq.sockets.quotes.connect=${local.zmq.upstream.endpoint}")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidZmqConfigurationException.class)
                        .hasMessageContaining("zmq.sockets.quotes.connect")
                        .hasMessageContaining("'${local.zmq.upstream.endpoint}' cannot be resolved")
                        .hasMessageContaining("a listener's socket connects when it starts"));
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
