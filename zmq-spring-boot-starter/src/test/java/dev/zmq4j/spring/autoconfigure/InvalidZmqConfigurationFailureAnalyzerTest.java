package dev.zmq4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * The starter's startup errors as Spring Boot failure reports: the analyzer fed real failures (a port another socket
 * holds, a malformed endpoint, a wrong {@code @SendTo}), and a failing {@link SpringApplication} run whose output is
 * the report, saying "Address already in use" once.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidZmqConfigurationFailureAnalyzerTest {
    private static final String[] REP_LISTENER = {
        "zmq.sockets.quotes.type=REP", "zmq.sockets.quotes.bind=tcp://127.0.0.1:*"
    };

    private final InvalidZmqConfigurationFailureAnalyzer analyzer = new InvalidZmqConfigurationFailureAnalyzer();
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

    private Context context;
    /** Holds a port, so the application's bind to it fails. */
    private String taken;

    @BeforeEach
    void takeAPort() {
        context = Context.create();
        Socket holder = context.socket(SocketType.PULL);
        holder.set(SocketOption.LINGER, 0);
        holder.bind("tcp://127.0.0.1:*");
        taken = holder.lastEndpoint();
    }

    @AfterEach
    void releaseThePort() {
        context.close();
    }

    @Test
    void shouldExplainAPortInUseOnceAndSayWhatToDo() {
        FailureAnalysis analysis = analysisOf(runner.withBean(Quotes.class)
                .withPropertyValues("zmq.sockets.quotes.type=REP", "zmq.sockets.quotes.bind=" + taken));
        assertThat(analysis.getDescription())
                .contains("Property: zmq.sockets.quotes.bind")
                .contains(taken);
        assertThat(occurrences(analysis.getDescription(), "Address already in use"))
                .isEqualTo(1);
        assertThat(analysis.getAction())
                .contains("change zmq.sockets.quotes.bind")
                .contains("local.zmq.<socket>.endpoint");
    }

    @Test
    void shouldExplainAMalformedEndpoint() {
        FailureAnalysis analysis = analysisOf(
                runner.withPropertyValues("zmq.sockets.ticker.type=PUB", "zmq.sockets.ticker.bind=tcp://*:99999"));
        assertThat(analysis.getDescription())
                .contains("Property: zmq.sockets.ticker.bind")
                .contains("Reason: 'tcp://*:99999' has port 99999, above 65535");
        assertThat(analysis.getAction()).contains("Correct zmq.sockets.ticker.bind");
    }

    @Test
    void shouldExplainAnInvalidProperty() {
        FailureAnalysis analysis = analysisOf(runner.withPropertyValues("zmq.io-threads=0"));
        assertThat(analysis.getDescription())
                .contains("Property: zmq.io-threads")
                .contains("Reason: must be 1 or more, not 0");
        assertThat(analysis.getAction()).contains("Correct zmq.io-threads");
    }

    @Test
    void shouldExplainAWrongSendTo() {
        FailureAnalysis analysis = analysisOf(runner.withBean(Forwarding.class).withPropertyValues(REP_LISTENER));
        assertThat(analysis.getDescription())
                .containsPattern("Attribute: @SendTo on \\S*[Ff]orwarding\\.quote")
                .contains("no socket 'nowhere' is declared under zmq.sockets");
        assertThat(analysis.getAction()).contains("@SendTo");
    }

    @Test
    void shouldExplainTwoListenersWithOneId() {
        FailureAnalysis analysis =
                analysisOf(runner.withBean(Quotes.class).withBean(SameId.class).withPropertyValues(REP_LISTENER));
        assertThat(analysis.getDescription())
                .contains("Attribute: @ZmqListener id")
                .contains("two @ZmqListener methods have the id 'quotes'");
        assertThat(analysis.getAction()).contains("Correct the listener method's annotations");
    }

    /** The analysis of the failure that stopped the application {@code configured} describes. */
    private FailureAnalysis analysisOf(ApplicationContextRunner configured) {
        AtomicReference<FailureAnalysis> analysis = new AtomicReference<>();
        configured.run(application -> analysis.set(analyzer.analyze(application.getStartupFailure())));
        assertThat(analysis.get()).as("an analysis of the startup failure").isNotNull();
        return analysis.get();
    }

    @Test
    void shouldReportAFailedRunInsteadOfAStackTrace(CapturedOutput output) {
        SpringApplication application = new SpringApplication(FailingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application
                        .run("--zmq.sockets.quotes.type=REP", "--zmq.sockets.quotes.bind=" + taken)
                        .close())
                .hasRootCauseMessage("Address already in use");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Description:")
                .contains("Property: zmq.sockets.quotes.bind")
                .contains("Action:")
                .doesNotContain("\tat dev.zmq4j");
        assertThat(occurrences(output.getOut() + output.getErr(), "Address already in use"))
                .as("times the output says the address is in use, in:%n%s", output)
                .isEqualTo(1);
    }

    @Test
    void shouldReportATemplateBindFailureOnce(CapturedOutput output) {
        SpringApplication application = new SpringApplication(FailingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application
                        .run(
                                "--zmq.sockets.quotes.type=REP",
                                "--zmq.sockets.quotes.bind=tcp://127.0.0.1:*",
                                "--zmq.sockets.ticker.type=PUB",
                                "--zmq.sockets.ticker.bind=" + taken)
                        .close())
                .hasRootCauseMessage("Address already in use");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: zmq.sockets.ticker.bind");
        assertThat(occurrences(output.getOut() + output.getErr(), "Address already in use"))
                .as("times the output says the address is in use, in:%n%s", output)
                .isEqualTo(1);
    }

    private static int occurrences(String text, String phrase) {
        Matcher matcher = Pattern.compile(Pattern.quote(phrase)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    static class Quotes {
        @ZmqListener(socket = "quotes")
        String quote(String symbol) {
            return symbol;
        }
    }

    static class SameId {
        @ZmqListener(id = "quotes", type = "PULL", bind = "tcp://127.0.0.1:*")
        void take(String job) {}
    }

    static class Forwarding {
        @ZmqListener(socket = "quotes")
        @SendTo("nowhere")
        String quote(String symbol) {
            return symbol;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZmqAutoConfiguration.class)
    static class FailingApplication {
        @Bean
        Quotes quotes() {
            return new Quotes();
        }
    }
}
