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

/**
 * The two workload pairs, fan-out ({@code local_fanout}/{@code remote_fanout}) and many peers
 * ({@code local_peers}/{@code remote_peers}), run in-process on tiny counts over ephemeral ports, zmq4j and JeroMQ
 * against themselves and each other: their output lines and their usage errors. Speed is never asserted. (A failure
 * inside one of their threads ends the process, as libzmq's tools do, so no test here provokes one.)
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WorkloadToolsTest {
    private static final String THROUGHPUT_MSG = "mean throughput: \\d+ \\[msg/s\\]";
    private static final String THROUGHPUT_MB = "mean throughput: \\d+\\.\\d{3} \\[Mb/s\\]";
    private static final String ROUND_TRIPS = "mean throughput: \\d+ \\[roundtrips/s\\]";
    private static final String PERCENTILES =
            "round-trip percentiles: p50 \\d+\\.\\d{3} p90 \\d+\\.\\d{3} p99 \\d+\\.\\d{3}"
                    + " p99\\.9 \\d+\\.\\d{3} max \\d+\\.\\d{3} \\[us\\]";

    private final ToolRuns tools = new ToolRuns("workload-tools-test-server");

    @AfterEach
    void stopServers() {
        tools.close();
    }

    private static Result run(Supplier<PerfContext> library, String... args) {
        return ToolRuns.run(library, args);
    }

    private CompletableFuture<Result> runInBackground(Supplier<PerfContext> library, String... args) {
        return tools.runInBackground(library, args);
    }

    private void assertFanout(Supplier<PerfContext> publisher, Supplier<PerfContext> subscribers) throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> local = runInBackground(publisher, "local_fanout", endpoint, "64", "2000", "3");

        Result remote = run(subscribers, "remote_fanout", endpoint, "64", "2000", "3");

        assertThat(remote.exitCode()).isZero();
        assertThat(remote.lines()).hasSize(5);
        assertThat(remote.lines().subList(0, 3))
                .containsExactly("message size: 64 [B]", "message count: 2000", "subscribers: 3");
        assertThat(remote.lines().get(3)).matches(THROUGHPUT_MSG);
        assertThat(remote.lines().get(4)).matches(THROUGHPUT_MB);
        assertThat(local.get(15, TimeUnit.SECONDS)).isEqualTo(new Result(0, List.of()));
    }

    private void assertPeers(Supplier<PerfContext> server, Supplier<PerfContext> clients, int roundTrips, int window)
            throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        String count = Integer.toString(roundTrips);
        CompletableFuture<Result> local = runInBackground(server, "local_peers", endpoint, "16", count, "5");

        Result remote = run(clients, "remote_peers", endpoint, "16", count, "5", Integer.toString(window));

        assertThat(remote.exitCode()).isZero();
        assertThat(remote.lines()).hasSize(6);
        assertThat(remote.lines().subList(0, 4))
                .containsExactly(
                        "message size: 16 [B]", "roundtrip count: " + count, "clients: 5", "window: " + window);
        assertThat(remote.lines().get(4)).matches(ROUND_TRIPS);
        assertThat(remote.lines().get(5)).matches(PERCENTILES);
        assertThat(local.get(15, TimeUnit.SECONDS)).isEqualTo(new Result(0, List.of()));
    }

    @Test
    void shouldReportTheAggregateThroughputOfEverySubscriber() throws Exception {
        assertFanout(Zmq4jContext::new, Zmq4jContext::new);
    }

    @Test
    void shouldFanOutBetweenJeromqAndZmq4j() throws Exception {
        assertFanout(JeromqContext::new, JeromqContext::new);
        assertFanout(Zmq4jContext::new, JeromqContext::new);
        assertFanout(JeromqContext::new, Zmq4jContext::new);
    }

    @Test
    void shouldReportRoundTripsAndPercentilesOfManyPeers() throws Exception {
        assertPeers(Zmq4jContext::new, Zmq4jContext::new, 200, 4);
    }

    @Test
    void shouldKeepAWindowLargerThanTheRoundTrips() throws Exception {
        assertPeers(Zmq4jContext::new, Zmq4jContext::new, 3, 10);
    }

    @Test
    void shouldEchoForManyPeersBetweenJeromqAndZmq4j() throws Exception {
        assertPeers(JeromqContext::new, JeromqContext::new, 100, 4);
        assertPeers(Zmq4jContext::new, JeromqContext::new, 100, 4);
        assertPeers(JeromqContext::new, Zmq4jContext::new, 100, 4);
    }

    @Test
    void shouldNameTheArgumentAtFaultForWrongWorkloadArguments() {
        Result emptyMessages = run(Zmq4jContext::new, "local_fanout", "tcp://127.0.0.1:5555", "0", "10", "3");
        Result noSubscribers = run(Zmq4jContext::new, "remote_fanout", "tcp://127.0.0.1:5555", "1", "10", "0");
        Result noWindow = run(Zmq4jContext::new, "remote_peers", "tcp://127.0.0.1:5555", "1", "10", "100");

        assertThat(emptyMessages.exitCode()).isEqualTo(PerfCommand.EXIT_USAGE);
        assertThat(emptyMessages.lines())
                .containsExactly(
                        "message-size must be a whole number from 1 to 2147483647, not '0'",
                        "usage: local_fanout <bind-to> <message-size> <message-count> <subscribers>");
        assertThat(noSubscribers.lines().get(0))
                .isEqualTo("subscribers must be a whole number from 1 to 2147483647, not '0'");
        assertThat(noWindow.exitCode()).isEqualTo(PerfCommand.EXIT_USAGE);
        assertThat(noWindow.lines())
                .containsExactly(
                        "remote_peers takes 5 arguments, not 4",
                        "usage: remote_peers <connect-to> <message-size> <roundtrip-count> <clients> <window>");
    }
}
