package dev.zmq4j.perf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.perf.ToolRuns.Result;
import dev.zmq4j.perf.jeromq.JeromqContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs each perf tool pair in-process on small counts over ephemeral ports and checks libzmq's output format, the
 * usage errors and the size check. Speed is never asserted: these runs are too short to mean anything.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PerfToolsTest {
    private static final String THROUGHPUT_MSG = "mean throughput: \\d+ \\[msg/s\\]";
    private static final String THROUGHPUT_MB = "mean throughput: \\d+\\.\\d{3} \\[Mb/s\\]";
    private static final String PERCENTILES =
            "latency percentiles: p50 \\d+\\.\\d{3} p90 \\d+\\.\\d{3} p99 \\d+\\.\\d{3} p99\\.9 \\d+\\.\\d{3} max \\d+\\.\\d{3} \\[us\\]";
    private static final String LATENCY = "average latency: \\d+\\.\\d{3} \\[us\\]";

    private final ToolRuns tools = new ToolRuns("perf-tools-test-receiver");

    @AfterEach
    void stopReceivers() {
        tools.close();
    }

    private static Result run(Supplier<PerfContext> library, String... args) {
        return ToolRuns.run(library, args);
    }

    private CompletableFuture<Result> runInBackground(Supplier<PerfContext> library, String... args) {
        return tools.runInBackground(library, args);
    }

    @Test
    void shouldReportThroughputOfLocalAndRemoteThr() throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> local = runInBackground(Zmq4jContext::new, "local_thr", endpoint, "64", "10000");

        Result remote = run(Zmq4jContext::new, "remote_thr", endpoint, "64", "10000");

        assertThat(remote).isEqualTo(new Result(0, List.of()));
        Result received = local.get(8, TimeUnit.SECONDS);
        assertThat(received.exitCode()).isZero();
        assertThat(received.lines()).hasSize(4);
        assertThat(received.lines().subList(0, 2)).containsExactly("message size: 64 [B]", "message count: 10000");
        assertThat(received.lines().get(2)).matches(THROUGHPUT_MSG);
        assertThat(received.lines().get(3)).matches(THROUGHPUT_MB);
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({"local_lat, remote_lat", "server_lat, client_lat"})
    void shouldReportLatencyOfTheBoundAndTheTimingTool(String bound, String timing) throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> local = runInBackground(Zmq4jContext::new, bound, endpoint, "1", "1000");

        Result remote = run(Zmq4jContext::new, timing, endpoint, "1", "1000");

        assertThat(remote.exitCode()).isZero();
        assertThat(remote.lines()).hasSize(4);
        assertThat(remote.lines().subList(0, 2)).containsExactly("message size: 1 [B]", "roundtrip count: 1000");
        assertThat(remote.lines().get(2)).matches(LATENCY);
        // Beyond libzmq's lines: the one-way percentiles (RoundTrips).
        assertThat(remote.lines().get(3)).matches(PERCENTILES);
        assertThat(local.get(8, TimeUnit.SECONDS)).isEqualTo(new Result(0, List.of()));
    }

    @Test
    void shouldFailServerLatOnALibraryWithoutTheDraftTypes() throws Exception {
        Result failed = run(JeromqContext::new, "server_lat", ToolRuns.freeTcpEndpoint(), "1", "1");

        assertThat(failed.exitCode()).isEqualTo(PerfCommand.EXIT_FAILURE);
        assertThat(failed.lines()).singleElement().asString().contains("perf sockets have no SERVER");
    }

    @Test
    void shouldCountWhatZmq4jsDishReceivedOfWhatItsRadioSentOverUdp() throws Exception {
        String endpoint = ToolRuns.freeUdpEndpoint();
        CompletableFuture<Result> dish = runInBackground(Zmq4jContext::new, "dish_thr", endpoint, "64", "2000");
        ToolRuns.awaitUdpBound(endpoint, dish);

        Result radio = run(Zmq4jContext::new, "radio_thr", endpoint, "64", "2000");

        assertThat(radio.exitCode()).isZero();
        assertThat(radio.lines())
                .containsExactly(
                        "message size: 64 [B]",
                        "messages sent: 2000",
                        radio.lines().get(2));
        assertThat(radio.lines().get(2)).matches("send rate: \\d+ \\[msg/s\\]");
        // Within the test's 10 s: the DISH waits a second of silence when some were lost, as udp may lose some.
        Result received = dish.get(8, TimeUnit.SECONDS);
        assertThat(received.exitCode()).isZero();
        assertThat(received.lines().subList(0, 2)).containsExactly("message size: 64 [B]", "message count: 2000");
        assertThat(received.lines().get(2)).matches("messages received: \\d+");
        int count = Integer.parseInt(received.lines().get(2).replace("messages received: ", ""));
        assertThat(count).isBetween(1, 2000);
        assertThat(received.lines().get(3)).startsWith("messages lost: " + (2000 - count) + " (");
        List<String> figures = received.lines().subList(4, received.lines().size());
        if (count < 2000) {
            assertThat(figures.get(0)).isEqualTo("ended after a silence of 1000 [ms]");
            figures = figures.subList(1, figures.size());
        }
        assertThat(figures).hasSize(2);
        assertThat(figures.get(0)).matches(THROUGHPUT_MSG);
        assertThat(figures.get(1)).matches(THROUGHPUT_MB);
    }

    @Test
    void shouldFailTheUdpToolsOnALibraryWithoutTheDraftTypes() throws Exception {
        Result dish = run(JeromqContext::new, "dish_thr", ToolRuns.freeUdpEndpoint(), "64", "1");
        Result radio = run(JeromqContext::new, "radio_thr", ToolRuns.freeUdpEndpoint(), "64", "1");

        assertThat(dish.exitCode()).isEqualTo(PerfCommand.EXIT_FAILURE);
        assertThat(dish.lines()).singleElement().asString().contains("perf sockets have no DISH");
        assertThat(radio.exitCode()).isEqualTo(PerfCommand.EXIT_FAILURE);
        assertThat(radio.lines()).singleElement().asString().contains("perf sockets have no RADIO");
    }

    @Test
    void shouldReportThroughputAndLatencyOverWs() throws Exception {
        String throughputEndpoint = ToolRuns.freeWsEndpoint();
        CompletableFuture<Result> local =
                runInBackground(Zmq4jContext::new, "local_thr", throughputEndpoint, "64", "10000");
        Result sender = run(Zmq4jContext::new, "remote_thr", throughputEndpoint, "64", "10000");
        Result received = local.get(8, TimeUnit.SECONDS);
        String latencyEndpoint = ToolRuns.freeWsEndpoint();
        CompletableFuture<Result> echo = runInBackground(Zmq4jContext::new, "local_lat", latencyEndpoint, "1", "1000");
        Result remote = run(Zmq4jContext::new, "remote_lat", latencyEndpoint, "1", "1000");

        assertThat(sender).isEqualTo(new Result(0, List.of()));
        assertThat(received.exitCode()).isZero();
        assertThat(received.lines()).hasSize(4);
        assertThat(received.lines().get(2)).matches(THROUGHPUT_MSG);
        assertThat(remote.exitCode()).isZero();
        assertThat(remote.lines()).hasSize(4);
        assertThat(remote.lines().get(2)).matches(LATENCY);
        assertThat(remote.lines().get(3)).matches(PERCENTILES);
        assertThat(echo.get(8, TimeUnit.SECONDS)).isEqualTo(new Result(0, List.of()));
    }

    @Test
    void shouldReportInprocThroughputAndLatency() {
        Result throughput = run(Zmq4jContext::new, "inproc_thr", "64", "10000");
        Result latency = run(Zmq4jContext::new, "inproc_lat", "1", "1000");

        assertThat(throughput.exitCode()).isZero();
        assertThat(throughput.lines()).hasSize(4);
        assertThat(throughput.lines().subList(0, 2)).containsExactly("message size: 64 [B]", "message count: 10000");
        assertThat(throughput.lines().get(2)).matches(THROUGHPUT_MSG);
        assertThat(throughput.lines().get(3)).matches(THROUGHPUT_MB);
        assertThat(latency.exitCode()).isZero();
        assertThat(latency.lines()).hasSize(3);
        assertThat(latency.lines().subList(0, 2)).containsExactly("message size: 1 [B]", "roundtrip count: 1000");
        assertThat(latency.lines().get(2)).matches(LATENCY);
    }

    @Test
    void shouldRunTheJeromqToolsWithTheSameOutputAgainstZmq4j() throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> local = runInBackground(JeromqContext::new, "local_thr", endpoint, "1", "10000");

        Result remote = run(Zmq4jContext::new, "remote_thr", endpoint, "1", "10000");
        Result inproc = run(JeromqContext::new, "inproc_lat", "1", "1000");

        assertThat(remote.exitCode()).isZero();
        Result received = local.get(8, TimeUnit.SECONDS);
        assertThat(received.exitCode()).isZero();
        assertThat(received.lines()).hasSize(4);
        assertThat(received.lines().get(0)).isEqualTo("message size: 1 [B]");
        assertThat(received.lines().get(2)).matches(THROUGHPUT_MSG);
        assertThat(inproc.exitCode()).isZero();
        assertThat(inproc.lines().get(2)).matches(LATENCY);
    }

    @Test
    void shouldFailWhenTheMessageSizeDiffers() throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> local = runInBackground(Zmq4jContext::new, "local_thr", endpoint, "64", "3");

        run(Zmq4jContext::new, "remote_thr", endpoint, "32", "3");

        Result received = local.get(8, TimeUnit.SECONDS);
        assertThat(received.exitCode()).isEqualTo(PerfCommand.EXIT_FAILURE);
        assertThat(received.lines()).singleElement().asString().startsWith("message of incorrect size received");
    }

    @Test
    void shouldPrintTheUsageListingEveryToolForAMissingOrUnknownTool() {
        for (String[] args : List.of(new String[0], new String[] {"local_throughput", "tcp://*:5555", "1", "1"})) {
            Result result = run(Zmq4jContext::new, args);

            assertThat(result.exitCode()).isEqualTo(PerfCommand.EXIT_USAGE);
            assertThat(String.join("\n", result.lines()))
                    .contains(
                            "usage: zmq-perf <tool> <args>",
                            "local_thr <bind-to> <message-size> <message-count>",
                            "remote_thr <connect-to> <message-size> <message-count>",
                            "local_lat <bind-to> <message-size> <roundtrip-count>",
                            "remote_lat <connect-to> <message-size> <roundtrip-count>",
                            "inproc_thr <message-size> <message-count>",
                            "inproc_lat <message-size> <roundtrip-count>",
                            "local_fanout <bind-to> <message-size> <message-count> <subscribers>",
                            "remote_peers <connect-to> <message-size> <roundtrip-count> <clients> <window>",
                            "server_lat <bind-to> <message-size> <roundtrip-count>",
                            "client_lat <connect-to> <message-size> <roundtrip-count>",
                            "dish_thr <bind-to> <message-size> <message-count>",
                            "radio_thr <connect-to> <message-size> <message-count>");
        }
    }

    @Test
    void shouldNameTheArgumentAtFaultForWrongArguments() {
        Result badSize = run(Zmq4jContext::new, "local_thr", "tcp://127.0.0.1:5555", "abc", "10");
        Result badCount = run(Zmq4jContext::new, "inproc_lat", "1", "0");
        Result missing = run(Zmq4jContext::new, "remote_lat", "tcp://127.0.0.1:5555", "1");

        assertThat(badSize.exitCode()).isEqualTo(PerfCommand.EXIT_USAGE);
        assertThat(badSize.lines())
                .containsExactly(
                        "message-size must be a whole number from 0 to 2147483647, not 'abc'",
                        "usage: local_thr <bind-to> <message-size> <message-count>");
        assertThat(badCount.exitCode()).isEqualTo(PerfCommand.EXIT_USAGE);
        assertThat(badCount.lines().get(0))
                .isEqualTo("roundtrip-count must be a whole number from 1 to 2147483647, not '0'");
        assertThat(missing.exitCode()).isEqualTo(PerfCommand.EXIT_USAGE);
        assertThat(missing.lines())
                .containsExactly(
                        "remote_lat takes 3 arguments, not 2",
                        "usage: remote_lat <connect-to> <message-size> <roundtrip-count>");
    }
}
