package dev.zmq4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.support.LocalEndpoints;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The browser client {@code static/zws.js} itself, run under Node 20's browser-compatible WebSocket
 * ({@code --experimental-websocket}) by {@code src/test/node/zws-client-driver.mjs}, against the running app's ws://
 * binds: SUB, REQ and DEALER, and the error it documents for an endpoint that does not speak plain ZWS2.0. Skipped
 * when there is no node on the PATH.
 */
class ZwsJsClientTest extends RunningSampleApp {
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private static final String NOT_OPENED = "could not open a ZWS2.0 connection to ";

    @Autowired
    Environment environment;

    private static final String NODE_VERSION = NodeScript.nodeVersion();

    /** Per test, not per class: surefire reports a test skipped by an assumption, and says why. */
    @BeforeEach
    void requireNode() {
        String version = NODE_VERSION;
        assumeTrue(version != null, "no node on the PATH: zws.js is not tested (it needs node 20 or later)");
        assumeTrue(
                Integer.parseInt(version.substring(1, version.indexOf('.'))) >= 20,
                "node " + version + " has no WebSocket; zws.js needs node 20 or later");
    }

    @Test
    void shouldTellThePageTheWsEndpointsTheSocketsBound() {
        Map<String, String> endpoints = RestClient.create(baseUrl())
                .get()
                .uri("/zws-endpoints")
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, String>>() {});
        // bound on every interface ("*"), named by the host this request reached the app with
        assertThat(endpoints)
                .containsEntry("prices", "ws://127.0.0.1:" + boundWsPort("ticker") + "/prices")
                .containsEntry("quotes", "ws://127.0.0.1:" + boundWsPort("quotes") + "/quotes");
    }

    @Test
    void shouldReceiveLivePricesOnASubSocketAndStopOnUnsubscribe() throws IOException {
        String output = passes("sub");
        assertThat(output).contains("\"subscribed\":[\"prices.ACME\",\"prices.GLOBEX\"]");
        assertThat(output).contains("\"unsubscribed\":\"prices.GLOBEX\"");
    }

    @Test
    void shouldGetAQuoteOnAReqSocketOneRequestAtATime() throws IOException {
        String output = passes("req");
        assertThat(output).contains("\"quote\":{\"symbol\":\"ACME\",\"price\":");
        assertThat(output).contains("\"second\":\"REQ: a request is already waiting for its reply\"");
        assertThat(output).contains("\"errorReply\":\"UnknownSymbolException: unknown symbol 'NOPE'\"");
        assertThat(output).contains("\"onClose\":\"closed by this page\"");
    }

    @Test
    void shouldRoundTripOnADealerSocket() throws IOException {
        assertThat(passes("dealer")).contains("\"replies\":[\"UMBRELLA\",\"INITECH\"]");
    }

    @Test
    void shouldReportAPortWhereNothingListens() throws IOException {
        String url = "ws://127.0.0.1:" + FreePorts.take(1)[0] + "/prices";
        assertThat(passes("refused", url)).contains("\"onclose\":\"" + NOT_OPENED + url + ":");
    }

    @Test
    void shouldReportAServerThatRefusesPlainZws20() throws IOException {
        // A socket with a mechanism (PLAIN here) refuses the mechanism-less ZWS2.0 a browser offers with HTTP 400.
        try (Context context = Context.create(1);
                Socket rep = context.socket(SocketType.REP)) {
            rep.set(SocketOption.LINGER, 0);
            rep.set(SocketOption.PLAIN_SERVER, true);
            rep.bind("ws://127.0.0.1:*/plain");
            String url = rep.lastEndpoint();
            assertThat(passes("refused", url)).contains("\"request\":\"" + NOT_OPENED + url + ":");
        }
    }

    @Test
    void shouldReportAnHttpServerThatIsNoWsEndpoint() throws IOException {
        String url = "ws://127.0.0.1:" + httpPort + "/zws-endpoints";
        assertThat(passes("refused", url)).contains(NOT_OPENED + url + ":");
    }

    private String passes(String scenario, String... extra) throws IOException {
        List<String> arguments =
                new ArrayList<>(List.of("--experimental-websocket", "zws-client-driver.mjs", scenario, baseUrl()));
        arguments.addAll(List.of(extra));
        NodeScript.Result result = NodeScript.run(LIMIT, arguments.toArray(String[]::new));
        assertThat(result.exitStatus())
                .as("zws-client-driver.mjs %s: %s", scenario, result.describe())
                .isZero();
        return result.output();
    }

    private int boundWsPort(String socketName) {
        for (int i = 0; ; i++) {
            String endpoint = environment.getRequiredProperty(LocalEndpoints.endpointProperty(socketName, i));
            if (endpoint.startsWith("ws://")) {
                return URI.create(endpoint).getPort();
            }
        }
    }
}
