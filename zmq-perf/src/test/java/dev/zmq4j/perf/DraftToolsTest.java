package dev.zmq4j.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.perf.ToolRuns.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The C tools on libzmq's draft API ({@code server_lat}, {@code client_lat}, {@code dish_thr}, {@code radio_thr}),
 * compiled here as perf-matrix compiles them against the libzmq that {@code bin/build-libzmq-draft} installs in
 * {@code target/libzmq-draft}, and run on tiny counts: CLIENT/SERVER latency across zmq4j and libzmq both ways, and
 * RADIO to DISH over udp, once whole and once with a lost tail, which the DISH must report rather than wait for, and
 * across zmq4j and libzmq both ways.
 * Skipped where that build or gcc is missing (CI does not build it). Speed is never asserted.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DraftToolsTest {
    private static final Path DRAFT_PREFIX = Path.of("target", "libzmq-draft");
    private static final Path C_SOURCES = Path.of("src", "main", "c");
    private static final String LATENCY = "average latency: \\d+\\.\\d{3} \\[us\\]";
    private static final String PERCENTILES =
            "latency percentiles: p50 \\d+\\.\\d{3} p90 .* max \\d+\\.\\d{3} \\[us\\]";

    @TempDir
    static Path binaries;

    private final ToolRuns tools = new ToolRuns("draft-tools-test-server");

    @BeforeAll
    static void compileTheDraftTools() throws Exception {
        assumeTrue(Files.exists(DRAFT_PREFIX.resolve("lib").resolve("libzmq.so")), "no target/libzmq-draft");
        assumeTrue(succeeds(List.of("gcc", "--version")), "gcc is not on the PATH");
        Path lib = DRAFT_PREFIX.resolve("lib").toAbsolutePath();
        for (String tool : List.of("server_lat", "client_lat", "dish_thr", "radio_thr")) {
            List<String> command = List.of(
                    "gcc",
                    "-O2",
                    "-Wall",
                    "-DZMQ_BUILD_DRAFT_API",
                    "-I",
                    DRAFT_PREFIX.resolve("include").toString(),
                    "-o",
                    binaries.resolve(tool).toString(),
                    C_SOURCES.resolve(tool + ".c").toString(),
                    "-L",
                    lib.toString(),
                    "-Wl,-rpath," + lib,
                    "-lzmq",
                    "-lpthread",
                    "-lm");
            Result compiled = exec(command, Map.of());
            assertThat(compiled.exitCode())
                    .as("%s: %s", command, compiled.lines())
                    .isZero();
        }
    }

    @AfterEach
    void stopServers() {
        tools.close();
    }

    @Test
    void shouldTimeZmq4jsClientAgainstLibzmqsServer() throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> server = CompletableFuture.supplyAsync(
                () -> execUnchecked(List.of(binary("server_lat"), endpoint, "1", "500"), Map.of()));

        Result client = ToolRuns.run(Zmq4jContext::new, "client_lat", endpoint, "1", "500");

        assertThat(client.exitCode()).isZero();
        assertThat(client.lines().get(2)).matches(LATENCY);
        assertThat(server.get(20, TimeUnit.SECONDS)).isEqualTo(new Result(0, List.of()));
    }

    @Test
    void shouldTimeLibzmqsClientAgainstZmq4jsServerWithTheWarmFigures() throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> server = tools.runInBackground(Zmq4jContext::new, "server_lat", endpoint, "1", "500");

        Result client = exec(List.of(binary("client_lat"), endpoint, "1", "500"), Map.of("ZMQ_PERF_WARMUP", "100"));

        assertThat(client.exitCode()).isZero();
        assertThat(client.lines()).hasSize(6);
        assertThat(client.lines().subList(0, 2)).containsExactly("message size: 1 [B]", "roundtrip count: 500");
        assertThat(client.lines().get(2)).matches(LATENCY);
        assertThat(client.lines().get(3)).isEqualTo("warm-up roundtrips: 100");
        assertThat(client.lines().get(5)).matches(PERCENTILES);
        assertThat(server.get(20, TimeUnit.SECONDS)).isEqualTo(new Result(0, List.of()));
    }

    @Test
    void shouldCountWhatTheDishReceivedOfWhatTheRadioSent() throws Exception {
        assertReceivedOfAThousand(radioToDish("1000", "1000", Map.of()));
    }

    @ParameterizedTest(name = "zmq4j's DISH: {0}, zmq4j's RADIO: {1}")
    @CsvSource({"true, false", "false, true"})
    void shouldPairZmq4jsUdpToolsWithLibzmqsBothWays(boolean zmq4jDish, boolean zmq4jRadio) throws Exception {
        assertReceivedOfAThousand(radioToDish(zmq4jDish, zmq4jRadio, "1000", "1000", Map.of()));
    }

    private static void assertReceivedOfAThousand(Result dish) {
        assertThat(dish.exitCode()).as("%s", dish.lines()).isZero();
        assertThat(dish.lines().subList(0, 2)).containsExactly("message size: 64 [B]", "message count: 1000");
        int received = Integer.parseInt(dish.lines().get(2).replace("messages received: ", ""));
        // udp may drop even on loopback: what was not received is counted as lost, to the message.
        assertThat(dish.lines().get(3)).startsWith("messages lost: " + (1000 - received) + " (");
        assertThat(dish.lines()).last().asString().matches("mean throughput: \\d+\\.\\d{3} \\[Mb/s\\]");
    }

    @Test
    void shouldEndAfterASilenceAndReportALostTail() throws Exception {
        // The DISH waits for 3000 messages, the RADIO sends 1000: the last 2000 never come.
        Result dish = radioToDish("3000", "1000", Map.of("ZMQ_PERF_SILENCE_MS", "200"));

        assertThat(dish.exitCode()).isZero();
        int received = Integer.parseInt(dish.lines().get(2).replace("messages received: ", ""));
        assertThat(received).isBetween(1, 1000);
        assertThat(dish.lines().get(3)).startsWith("messages lost: " + (3000 - received) + " (");
        assertThat(dish.lines().get(4)).isEqualTo("ended after a silence of 200 [ms]");
        assertThat(dish.lines().get(5)).matches("mean throughput: \\d+ \\[msg/s\\]");
    }

    /** Runs dish_thr expecting dishCount messages and, once it is bound, radio_thr sending radioCount; dish's result. */
    private Result radioToDish(String dishCount, String radioCount, Map<String, String> environment) throws Exception {
        return radioToDish(false, false, dishCount, radioCount, environment);
    }

    /**
     * As {@link #radioToDish(String, String, Map)}, each side on zmq4j (in-process, which reads the test's own
     * environment) or on libzmq (the C tool, with {@code environment}).
     */
    private Result radioToDish(
            boolean zmq4jDish, boolean zmq4jRadio, String dishCount, String radioCount, Map<String, String> environment)
            throws Exception {
        String endpoint = ToolRuns.freeUdpEndpoint();
        CompletableFuture<Result> dish = zmq4jDish
                ? tools.runInBackground(Zmq4jContext::new, "dish_thr", endpoint, "64", dishCount)
                : CompletableFuture.supplyAsync(
                        () -> execUnchecked(List.of(binary("dish_thr"), endpoint, "64", dishCount), environment));
        ToolRuns.awaitUdpBound(endpoint, dish);
        Result radio = zmq4jRadio
                ? ToolRuns.run(Zmq4jContext::new, "radio_thr", endpoint, "64", radioCount)
                : exec(List.of(binary("radio_thr"), endpoint, "64", radioCount), Map.of());
        assertThat(radio.exitCode()).isZero();
        assertThat(radio.lines()).hasSize(3);
        assertThat(radio.lines().subList(0, 2)).containsExactly("message size: 64 [B]", "messages sent: " + radioCount);
        assertThat(radio.lines().get(2)).matches("send rate: \\d+ \\[msg/s\\]");
        return dish.get(20, TimeUnit.SECONDS);
    }

    private static String binary(String tool) {
        return binaries.resolve(tool).toString();
    }

    private static boolean succeeds(List<String> command) {
        try {
            return exec(command, Map.of()).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result execUnchecked(List<String> command, Map<String, String> environment) {
        try {
            return exec(command, environment);
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command.get(0) + " interrupted", e);
        }
    }

    /**
     * Runs a command to its end, its standard error merged into its output, which goes to a file so that a tool that
     * hangs is killed after 20 s rather than leave the test blocked on its pipe.
     */
    private static Result exec(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(binaries, "output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(command.get(0) + " did not end within 20 s");
            }
            return new Result(process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
