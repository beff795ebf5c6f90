package dev.zmq4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import dev.zmq4j.Context;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.auth.CurveCertificate;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.support.ZmqErrorReplies;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The whole sample app over real tcp: a plain zmq4j REQ socket and a libzmq (python3-zmq) client from outside,
 * the REST front end through its templates, the ticker into the SUB cache, the job pipeline, health and meters.
 *
 * <p>The app runs on ports free at startup ({@link RunningSampleApp}), shared with the other classes that extend it.
 */
class SampleApplicationTest extends RunningSampleApp {
    private static final int REPLY_TIMEOUT_MILLIS = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static Context outside;

    @Autowired
    ZmqListenerEndpointRegistry listeners;

    @Autowired
    LastPrices lastPrices;

    RestClient http;

    /** A separate zmq4j context: the test's sockets are a client outside the application. */
    @BeforeAll
    static void createOutsideContext() {
        outside = Context.create(1);
    }

    @AfterAll
    static void closeOutsideContext() {
        outside.close();
    }

    @BeforeEach
    void createHttpClient() {
        http = RestClient.builder()
                .baseUrl(baseUrl())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    // the tests assert on error statuses themselves
                })
                .build();
    }

    @Test
    void shouldBindTheQuoteServiceOnTheConfiguredPortAndOnWs() {
        List<String> bound = listeners.getListenerContainer("quotes").getBoundEndpoints();
        assertThat(bound).hasSize(2);
        assertThat(bound.get(0)).endsWith(":" + QUOTES_PORT);
        assertThat(bound.get(1)).startsWith("ws://").endsWith("/quotes");
    }

    @Test
    void shouldAnswerAQuoteRequestFromAPlainReqSocket() {
        try (Socket req = quoteRequester()) {
            Message reply = exchange(req, "{\"symbol\":\"ACME\"}");
            assertThat(reply.size()).isEqualTo(1);
            assertThat(reply.getString(0)).contains("\"symbol\":\"ACME\"").containsPattern("\"price\":[0-9.]+");
        }
    }

    @Test
    void shouldAnswerAnUnknownSymbolWithTheStarterErrorReply() {
        try (Socket req = quoteRequester()) {
            Message reply = exchange(req, "{\"symbol\":\"NOPE\"}");
            assertThat(ZmqErrorReplies.isError(reply)).isTrue();
            assertThat(ZmqErrorReplies.description(reply)).isEqualTo("UnknownSymbolException: unknown symbol 'NOPE'");
            assertThat(exchange(req, "{\"symbol\":\"GLOBEX\"}").getString(0)).contains("\"GLOBEX\"");
        }
    }

    @Test
    void shouldServeAQuoteOverRestThroughTheTemplate() {
        ResponseEntity<Quote> response =
                http.get().uri("/quotes/{symbol}", "acme").retrieve().toEntity(Quote.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().symbol()).isEqualTo("ACME");
        assertThat(response.getBody().price()).isPositive();
    }

    @Test
    void shouldAnswerAnUnknownSymbolOverRestWithNotFound() {
        ResponseEntity<String> response =
                http.get().uri("/quotes/NOPE").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody()).contains("unknown symbol 'NOPE'");
    }

    @Test
    void shouldComputeRiskReportsOnTheRouterService() {
        ResponseEntity<RiskReport> response =
                http.get().uri("/risk/UMBRELLA?quantity=250").retrieve().toEntity(RiskReport.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        RiskReport report = response.getBody();
        assertThat(report.symbol()).isEqualTo("UMBRELLA");
        assertThat(report.quantity()).isEqualTo(250);
        assertThat(report.positionValue()).isCloseTo(report.price() * 250, offset(0.01));
        assertThat(report.valueAtRisk99()).isPositive().isLessThan(report.positionValue());
        assertThat(report.computedBy()).startsWith("zmq4j-listener-risk");
    }

    @Test
    void shouldTurnRiskServiceErrorRepliesIntoHttpStatuses() {
        ResponseEntity<String> unknown = http.get().uri("/risk/NOPE").retrieve().toEntity(String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("UnknownSymbolException: unknown symbol 'NOPE'");

        ResponseEntity<String> invalid =
                http.get().uri("/risk/ACME?quantity=0").retrieve().toEntity(String.class);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody()).contains("quantity must be positive, not 0");
    }

    @Test
    void shouldRunTheRiskServiceOnFourWorkerThreads() {
        // the starter names a pooled listener's workers zmq4j-listener-<id>-<n>, as RiskReport.computedBy shows
        long workers = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("zmq4j-listener-risk-\\d+"))
                .count();
        assertThat(workers).isEqualTo(4);
    }

    @Test
    void shouldKeepTheLastPriceOfEveryTickerSymbol() {
        await("the SUB listener to have a price for every symbol")
                .atMost(WAIT)
                .until(
                        () -> lastPrices.all().keySet(),
                        symbols -> symbols.containsAll(List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA")));
        Map<String, Quote> prices =
                http.get().uri("/prices").retrieve().body(new ParameterizedTypeReference<Map<String, Quote>>() {});
        assertThat(prices).containsKeys("ACME", "GLOBEX", "INITECH", "UMBRELLA");
        assertThat(prices.get("ACME").price()).isPositive();
    }

    @Test
    void shouldProcessASubmittedJob() {
        ResponseEntity<ReportJob> submitted =
                http.post().uri("/jobs?symbol=INITECH").retrieve().toEntity(ReportJob.class);
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String location = submitted.getHeaders().getLocation().toString();
        assertThat(location).isEqualTo("/jobs/" + submitted.getBody().id());

        ResponseEntity<JobResult> result = await("the PULL worker to finish job " + location)
                .atMost(WAIT)
                .until(
                        () -> http.get().uri(location).retrieve().toEntity(JobResult.class),
                        response -> response.getStatusCode().is2xxSuccessful());
        assertThat(result.getBody().status()).isEqualTo("DONE");
        assertThat(result.getBody().symbol()).isEqualTo("INITECH");
        assertThat(result.getBody().price()).isPositive();
    }

    @Test
    void shouldRecordAFailedJob() {
        ReportJob job = http.post().uri("/jobs?symbol=NOPE").retrieve().body(ReportJob.class);
        ResponseEntity<JobResult> result = await("the PULL worker to record job " + job.id())
                .atMost(WAIT)
                .until(
                        () -> http.get().uri("/jobs/{id}", job.id()).retrieve().toEntity(JobResult.class),
                        response -> response.getStatusCode().is2xxSuccessful());
        assertThat(result.getBody().status()).isEqualTo("FAILED");
        assertThat(result.getBody().detail()).isEqualTo("unknown symbol 'NOPE'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReportHealthUpWithEverySocket() {
        ResponseEntity<Map<String, Object>> health = http.get()
                .uri("/actuator/health")
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");

        // One contributor per socket; the connecting ones are UP once their peer has shaken hands.
        Map<String, Object> zmq = await("every zmq socket to report a handshaken peer or a listening bind")
                .atMost(WAIT)
                .until(
                        () -> http.get()
                                .uri("/actuator/health/zmq")
                                .retrieve()
                                .body(new ParameterizedTypeReference<Map<String, Object>>() {}),
                        body -> "UP".equals(body.get("status"))
                                && components(body).values().stream()
                                        .allMatch(component ->
                                                "up".equals(details(component).get("state"))));
        assertThat(components(zmq))
                .containsKeys("quotes", "quote-client", "ticker", "prices", "risk", "jobs", "job-queue");
        Map<String, Object> quotes = details(components(zmq).get("quotes"));
        assertThat(quotes).containsEntry("type", "REP");
        assertThat((Map<String, Object>) quotes.get("boundEndpoints")).containsValue("LISTENING");
        assertThat((Integer) details(components(zmq).get("quote-client")).get("peers"))
                .isPositive();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components(Map<String, Object> health) {
        return (Map<String, Object>) health.get("components");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Object component) {
        return (Map<String, Object>) ((Map<String, Object>) component).get("details");
    }

    @Test
    void shouldExposeTheStarterMeters() {
        http.get().uri("/quotes/ACME").retrieve().toBodilessEntity(); // at least one message each way
        String names = http.get().uri("/actuator/metrics").retrieve().body(String.class);
        assertThat(names).contains("\"zmq.messages.sent\"", "\"zmq.messages.received\"", "\"zmq.bytes.sent\"");

        String sent = http.get()
                .uri("/actuator/metrics/zmq.messages.sent?tag=socket:quotes")
                .retrieve()
                .body(String.class);
        assertThat(sent).contains("\"name\":\"zmq.messages.sent\"");

        String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(scrape).contains("zmq_messages_sent_total{socket=\"quotes\",socket_type=\"REP\"}");
    }

    @Test
    void shouldServeTheLibzmqPythonClient(@TempDir Path output) throws Exception {
        File log = output.resolve("quote_client.log").toFile();
        Process client = new ProcessBuilder(
                        "/usr/bin/python3",
                        "client/quote_client.py",
                        "--host",
                        "127.0.0.1",
                        "--quotes-port",
                        String.valueOf(QUOTES_PORT),
                        "--ticker-port",
                        String.valueOf(TICKER_PORT),
                        "--symbol",
                        "ACME",
                        "--ticks",
                        "3",
                        "--timeout",
                        "10")
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        try {
            boolean ended = client.waitFor(60, TimeUnit.SECONDS);
            String printed = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            assertThat(ended)
                    .as("the python client ended within 60 s; output: %s", printed)
                    .isTrue();
            assertThat(client.exitValue())
                    .as("exit status; output: %s", printed)
                    .isZero();
            assertThat(printed).contains("quote {\"symbol\": \"ACME\"");
            assertThat(printed.lines()
                            .filter(line -> line.startsWith("tick  prices."))
                            .count())
                    .isEqualTo(3);
        } finally {
            client.destroyForcibly();
        }
    }

    @Test
    void shouldServeTheLibzmqCurveClientWhoseCertificateIsLetIn(@TempDir Path output) throws Exception {
        File log = output.resolve("risk_client.log").toFile();
        Process client = new ProcessBuilder(
                        "/usr/bin/python3",
                        "client/risk_client.py",
                        "--risk-port",
                        String.valueOf(RISK_PORT),
                        "--symbol",
                        "ACME",
                        "--quantity",
                        "100",
                        "--timeout",
                        "20")
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        try {
            boolean ended = client.waitFor(60, TimeUnit.SECONDS);
            String printed = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            assertThat(ended)
                    .as("the python CURVE client ended within 60 s; output: %s", printed)
                    .isTrue();
            assertThat(client.exitValue())
                    .as("exit status; output: %s", printed)
                    .isZero();
            assertThat(printed).contains("risk {\"symbol\": \"ACME\"");
        } finally {
            client.destroyForcibly();
        }
    }

    @Test
    void shouldRefuseACurveClientWithoutACertificate() throws Exception {
        CurveCertificate server = CurveCertificate.load(Path.of("config/curve/server.key"));
        CurveKeyPair stranger = CurveKeyPair.generate();
        java.util.concurrent.BlockingQueue<SocketEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
        try (Socket req = outside.socket(SocketType.REQ)) {
            req.set(SocketOption.LINGER, 0);
            req.addEventListener(events::add, SocketEvent.ALL);
            req.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
            req.set(SocketOption.CURVE_PUBLICKEY, stranger.publicKey());
            req.set(SocketOption.CURVE_SECRETKEY, stranger.secretKey());
            req.connect("tcp://127.0.0.1:" + RISK_PORT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            SocketEvent event;
            do {
                event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (event != null && event.type() != SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
            assertThat(event)
                    .as("the risk service refused the unknown key within 20 s")
                    .isNotNull();
            assertThat(event.value()).isEqualTo(400);
        }
    }

    private static Socket quoteRequester() {
        Socket req = outside.socket(SocketType.REQ);
        req.set(SocketOption.LINGER, 0);
        req.set(SocketOption.RCVTIMEO, REPLY_TIMEOUT_MILLIS);
        req.connect("tcp://127.0.0.1:" + QUOTES_PORT);
        return req;
    }

    private static Message exchange(Socket req, String request) {
        req.send(Message.of(request));
        Message reply = req.recvMessage();
        if (reply == null) {
            throw new AssertionError("no reply from the quote service within " + REPLY_TIMEOUT_MILLIS + " ms");
        }
        return reply;
    }
}
