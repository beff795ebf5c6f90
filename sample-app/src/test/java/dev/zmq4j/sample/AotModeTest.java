package dev.zmq4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The sample app started from the code Spring AOT generated at build time ({@code spring-boot:process-aot}, bound
 * to process-classes in this module's pom), in a child JVM with {@code -Dspring.aot.enabled=true}: the bean
 * definitions are the pre-computed ones, not the auto-configuration evaluated again. Checked over real sockets on
 * ports free at startup: health, a quote from a plain REQ socket (a {@code @ZmqListener} REP with JSON payloads), a
 * quote over REST (a {@code ZmqTemplate} bean the registrar defined at build time), and the ticker (a PUB template
 * into a SUB listener), and a sending socket declared at runtime only. A native image is not built here (no
 * GraalVM); this is the JVM half of it.
 *
 * <p>Skipped when the generated classes are missing, i.e. when run outside Maven's build of this module.
 */
class AotModeTest {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int REPLY_TIMEOUT_MILLIS = 10_000;
    private static final Path CLASSES = Paths.get("target", "classes");
    private static final Path LOG = Paths.get("target", "aot-mode-app.log");

    private static Process app;
    private static int httpPort;
    private static int quotesPort;
    private static RestClient http;

    @BeforeAll
    static void startTheAppInAotMode() throws IOException {
        assumeTrue(
                Files.exists(
                        CLASSES.resolve("dev/zmq4j/sample/SampleApplication__ApplicationContextInitializer.class")),
                "no AOT-generated classes in target/classes: run through Maven (process-aot runs at process-classes)");
        int[] ports = FreePorts.take(5);
        httpPort = ports[0];
        quotesPort = ports[1];
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.aot.enabled=true",
                "-cp",
                runtimeClasspath(),
                SampleApplication.class.getName(),
                "--server.port=" + httpPort,
                "--quotes.port=" + quotesPort,
                "--ticker.port=" + ports[2],
                "--risk.port=" + ports[3],
                "--jobs.port=" + ports[4],
                "--quotes.ws-port=*",
                "--ticker.ws-port=*",
                "--ticker.interval=100ms",
                "--risk.scenarios=20000",
                // not in application.yml, so unknown when the bean definitions were generated
                "--zmq.sockets.runtime-only.type=PUSH",
                "--zmq.sockets.runtime-only.bind=tcp://127.0.0.1:*"));
        Files.createDirectories(LOG.getParent());
        app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile())
                .start();
        http = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + httpPort)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    // the tests assert on statuses themselves
                })
                .build();
        await("the AOT-mode app to report health UP (its output: " + LOG.toAbsolutePath() + ")")
                .atMost(STARTUP)
                .ignoreExceptions()
                .failFast("the app exited", () -> !app.isAlive())
                .until(() -> "UP".equals(health().get("status")));
    }

    @AfterAll
    static void stopTheApp() throws InterruptedException {
        if (app == null) {
            return;
        }
        app.destroy(); // SIGTERM: the graceful shutdown of the listeners and the context
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldHaveStartedFromTheAotGeneratedCode() throws IOException {
        assertThat(Files.readString(LOG)).contains("Starting AOT-processed SampleApplication");
    }

    @Test
    void shouldAnswerAQuoteRequestFromAPlainReqSocket() {
        try (Context outside = Context.create(1);
                Socket req = outside.socket(SocketType.REQ)) {
            req.set(SocketOption.LINGER, 0);
            req.set(SocketOption.RCVTIMEO, REPLY_TIMEOUT_MILLIS);
            req.connect("tcp://127.0.0.1:" + quotesPort);
            req.send(Message.of("{\"symbol\":\"ACME\"}"));
            Message reply = req.recvMessage();
            assertThat(reply).as("a reply within %d ms", REPLY_TIMEOUT_MILLIS).isNotNull();
            assertThat(reply.getString(0)).contains("\"symbol\":\"ACME\"").containsPattern("\"price\":[0-9.]+");
        }
    }

    @Test
    void shouldServeAQuoteOverRestThroughTheTemplate() {
        ResponseEntity<Quote> response =
                http.get().uri("/quotes/{symbol}", "globex").retrieve().toEntity(Quote.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().symbol()).isEqualTo("GLOBEX");
        assertThat(response.getBody().price()).isPositive();
    }

    @Test
    void shouldCacheTheTickersPricesFromTheSubListener() {
        Map<String, Quote> prices = await("the SUB listener to have a price for every symbol")
                .atMost(WAIT)
                .until(
                        () -> http.get()
                                .uri("/prices")
                                .retrieve()
                                .body(new ParameterizedTypeReference<Map<String, Quote>>() {}),
                        body -> body != null
                                && body.keySet().containsAll(List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA")));
        assertThat(prices.get("ACME").price()).isPositive();
    }

    /**
     * The template registrar runs at runtime too and adds a template for a sending socket the generated definitions
     * do not have; on the JVM that needs nothing AOT generated (a native image is untested).
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveASocketDeclaredOnlyAtRuntimeItsTemplateToo() {
        Map<String, Object> zmq = http.get()
                .uri("/actuator/health/zmq")
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat((Map<String, Object>) zmq.get("components")).containsKeys("runtime-only", "ticker", "quote-client");
    }

    private static Map<String, Object> health() {
        return http.get()
                .uri("/actuator/health")
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    /**
     * The classpath the tests run with, minus the test classes: the main classes with the generated ones, and the
     * dependencies (the test-scoped jars too, which add no bean: under AOT the bean definitions are fixed).
     */
    private static String runtimeClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String testClasses =
                Paths.get("target", "test-classes").toAbsolutePath().toString();
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !Paths.get(entry).toAbsolutePath().toString().equals(testClasses))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
