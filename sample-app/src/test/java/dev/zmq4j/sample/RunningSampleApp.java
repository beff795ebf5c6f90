package dev.zmq4j.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample app running on ports free at startup, shared by the test classes that extend this one: they all have
 * the same configuration, so Spring's test context cache starts the app once for all of them (and one app at a
 * time holds the listener threads that {@link SampleApplicationTest} counts).
 *
 * <p>Ports: the app's own clients connect to its tcp services by port number (as a second process would), so each
 * of those ports must be known before the context starts; an ephemeral {@code :*} bind is only learnt after. The
 * tcp ports are taken free just before startup ({@link FreePorts}). The ws ports have no client inside the app, so
 * they are ephemeral ({@code *}), and the browser page learns them from {@code GET /zws-endpoints}.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "ticker.interval=100ms", // ticks arrive quickly; the waits in the tests are bounded, not timed
            "risk.scenarios=20000",
            "ticker.ws-port=*",
            "quotes.ws-port=*"
        })
abstract class RunningSampleApp {
    private static final int[] PORTS = FreePorts.take(4);
    static final int QUOTES_PORT = PORTS[0];
    static final int TICKER_PORT = PORTS[1];
    static final int RISK_PORT = PORTS[2];
    static final int JOBS_PORT = PORTS[3];

    @DynamicPropertySource
    static void zmqPorts(DynamicPropertyRegistry registry) {
        registry.add("quotes.port", () -> QUOTES_PORT);
        registry.add("ticker.port", () -> TICKER_PORT);
        registry.add("risk.port", () -> RISK_PORT);
        registry.add("jobs.port", () -> JOBS_PORT);
    }

    @LocalServerPort
    int httpPort;

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }
}
