package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.TestClients;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A failing REP listener's exception is logged once, at {@code zmq.listener.failure-log-level}, as one line; the
 * stack trace joins that entry only when the error handler's logger is at DEBUG. Each case starts the application,
 * sends one failing request over tcp and reads the log once the error reply is in (the handler logs before it
 * answers).
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerFailureLogTest {
    private static final String ENTRY = "zmq listener 'fragile' failed; answering with an error reply";
    private static final String HANDLER_LOGGER =
            "logging.level.dev.zmq4j.spring.listener.DefaultZmqListenerErrorHandler";

    @Test
    void shouldLogAnAnsweredFailureOnceAtWarnWithoutTheStackTrace(CapturedOutput output) {
        failOnce();
        List<String> entries = linesWith(output, ENTRY);
        assertThat(entries).as("entries of the failure").hasSize(1);
        assertThat(entries.get(0))
                .contains("WARN")
                .endsWith(ENTRY + ": java.lang.IllegalArgumentException: unknown symbol XYZ");
        assertThat(linesWith(output, "unknown symbol XYZ"))
                .as("mentions of the exception")
                .hasSize(1);
        assertThat(output.getOut()).doesNotContain("at dev.zmq4j.spring.listener.ListenerFailureLogTest$Quotes");
    }

    @Test
    void shouldAddTheStackTraceToTheOneEntryAtDebug(CapturedOutput output) {
        failOnce("--" + HANDLER_LOGGER + "=debug");
        assertThat(linesWith(output, ENTRY)).hasSize(1);
        assertThat(linesWith(output, "unknown symbol XYZ"))
                .as("the exception line under the entry")
                .hasSize(1);
        assertThat(output.getOut()).contains("at dev.zmq4j.spring.listener.ListenerFailureLogTest$Quotes.quote");
    }

    @Test
    void shouldLogAtTheConfiguredLevel(CapturedOutput output) {
        failOnce("--zmq.listener.failure-log-level=error");
        assertThat(linesWith(output, ENTRY)).singleElement().asString().contains("ERROR");
    }

    @Test
    void shouldLogNothingWhenOff(CapturedOutput output) {
        failOnce("--zmq.listener.failure-log-level=off");
        assertThat(linesWith(output, ENTRY)).isEmpty();
    }

    private static void failOnce(String... args) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class).run(args);
                Context clients = Context.create();
                Socket req = TestClients.connected(
                        clients,
                        SocketType.REQ,
                        app.getEnvironment().getRequiredProperty("local.zmq.fragile.endpoint"))) {
            Message reply = TestClients.exchange(req, Message.of("XYZ"));
            assertThat(ZmqErrorReplies.description(reply)).isEqualTo("IllegalArgumentException: unknown symbol XYZ");
        }
    }

    private static List<String> linesWith(CapturedOutput output, String text) {
        return Stream.of(output.getOut().split("\\R"))
                .filter(line -> line.contains(text))
                .toList();
    }

    static class Quotes {
        @ZmqListener(id = "fragile", type = "REP", bind = "tcp://127.0.0.1:*")
        String quote(String symbol) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Quotes quotes() {
            return new Quotes();
        }
    }
}
