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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/perf-matrix} makes of the tools' output over ws and on the draft types, and what {@code bin/perf-chart}
 * makes of that: zmq4j's throughput and latency tools run over a ws endpoint (or CLIENT/SERVER over tcp),
 * {@code src/test/python/matrix_report.py} hands their output to perf-matrix's own parsers and report for those tests,
 * and perf-chart draws the report. No libzmq tool runs (the C tools are built by perf-matrix only), so every pair gets
 * zmq4j's figures, and the radio/dish rows a dish_thr and radio_thr output written here. Skipped where python3 is not
 * on the PATH. Speed is never asserted.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PerfMatrixReportTest {
    private static final Path MATRIX = Path.of("bin", "perf-matrix");
    private static final Path CHART = Path.of("bin", "perf-chart");
    private static final Path REPORT_DRIVER = Path.of("src", "test", "python", "matrix_report.py");

    private final ToolRuns tools = new ToolRuns("perf-matrix-report-test-receiver");

    @TempDir
    Path directory;

    @AfterEach
    void stopReceivers() {
        tools.close();
    }

    @Test
    void shouldReportTheWsRowsFromTheToolsOutputWithJeromqNotApplicable() throws Exception {
        assumeTrue(hasPython(), "python3 is not on the PATH");
        Path throughput = write("throughput.txt", wsOutput("local_thr", "remote_thr", "64", "5000", true));
        Path latency = write("latency.txt", wsOutput("local_lat", "remote_lat", "1", "500", false));

        String report = python(
                REPORT_DRIVER.toString(),
                MATRIX.toString(),
                "ws-thr,ws-lat",
                throughput.toString(),
                latency.toString());

        List<String> lines = report.lines().toList();
        String cell = "[0-9.]+[^|(]*\\([^|]* – [^|]*\\)"; // median (min – max)
        for (String row : List.of(
                "ws throughput \\| 64 B",
                "ws throughput \\| 1 KiB",
                "ws throughput \\| 64 KiB",
                "ws latency \\| 1 B",
                "ws latency \\| 1 KiB")) {
            assertThat(lines)
                    .anySatisfy(line -> assertThat(line)
                            .matches("\\| " + row + " \\| " + cell + " \\| " + cell
                                    + " \\| n/a \\| [0-9.]+× \\| n/a \\|"));
        }
        assertThat(lines)
                .anySatisfy(line -> assertThat(line).startsWith("| ws throughput | 64 B | zmq4j → libzmq | "))
                .anySatisfy(line -> assertThat(line).startsWith("| ws latency | 1 B | libzmq → zmq4j | "))
                .anySatisfy(line -> assertThat(line).startsWith("ws latency beyond the mean"))
                // the mean, the warm mean (none: no ZMQ_PERF_WARMUP here), p50, p90, p99, p99.9 and max
                .anySatisfy(
                        line -> assertThat(line).matches("\\| 1 B \\| libzmq \\| [0-9.]+ \\| – \\|( [0-9.]+ \\|){5}"))
                .noneSatisfy(line -> assertThat(line).contains("B | JeroMQ |")); // no JeroMQ row beyond the mean
        Path reportFile = write("report.md", report);
        String chart = python(CHART.toString(), reportFile.toString());
        assertThat(chart).contains(">ws throughput 64 B<", ">ws throughput 64 KiB<", ">ws latency 1 B (speed)<");
    }

    @Test
    void shouldReportTheDraftRowsWithJeromqAndZmq4jsRadioDishNotApplicable() throws Exception {
        assumeTrue(hasPython(), "python3 is not on the PATH");
        // What dish_thr and radio_thr print (C tools; zmq4j has no RADIO and DISH yet), a run that lost its tail.
        Path throughput = write(
                "dish.txt",
                String.join(
                        "\n",
                        "message size: 64 [B]",
                        "message count: 1000",
                        "messages received: 900",
                        "messages lost: 100 (10.00 %)",
                        "ended after a silence of 1000 [ms]",
                        "mean throughput: 150000 [msg/s]",
                        "mean throughput: 76.800 [Mb/s]",
                        ""));
        Path sender = write("radio.txt", "message size: 64 [B]\nmessages sent: 1000\nsend rate: 3000000 [msg/s]\n");
        Path latency = write("latency.txt", tcpOutput("server_lat", "client_lat", "1", "500"));

        String report = python(
                REPORT_DRIVER.toString(),
                MATRIX.toString(),
                "cs-lat,udp-thr",
                throughput.toString(),
                latency.toString(),
                sender.toString());

        List<String> lines = report.lines().toList();
        String cell = "[0-9.]+[^|(]*\\([^|]* – [^|]*\\)"; // median (min – max)
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .matches("\\| client/server latency \\| 1 B \\| " + cell + " \\| " + cell
                                + " \\| n/a \\| [0-9.]+× \\| n/a \\|"))
                .anySatisfy(line -> assertThat(line)
                        .matches("\\| radio/dish udp throughput \\| 64 B \\| n/a \\| " + cell
                                + " \\| n/a \\| n/a \\| n/a \\|"))
                .anySatisfy(line -> assertThat(line).startsWith("| client/server latency | 1 B | zmq4j → libzmq | "))
                .anySatisfy(line -> assertThat(line).startsWith("client/server latency beyond the mean"))
                .anySatisfy(
                        line -> assertThat(line).isEqualTo("| 64 B | libzmq | 150.0 k | 3.00 M | 900 | 100 (10.0 %) |"))
                .anySatisfy(line -> assertThat(line).startsWith("- draft rows: client/server latency"));
        Path reportFile = write("report.md", report);
        String chart = python(CHART.toString(), reportFile.toString());
        assertThat(chart).contains(">client/server latency 1 B (speed)<", ">radio/dish udp throughput 64 B<");
    }

    /** The output of the timing side of one tcp latency run (remote_lat's, client_lat's). */
    private String tcpOutput(String localTool, String remoteTool, String size, String count) throws Exception {
        String endpoint = ToolRuns.freeTcpEndpoint();
        CompletableFuture<Result> local = tools.runInBackground(Zmq4jContext::new, localTool, endpoint, size, count);
        Result remote = ToolRuns.run(Zmq4jContext::new, remoteTool, endpoint, size, count);
        assertThat(local.get(20, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(remote.exitCode()).isZero();
        return String.join("\n", remote.lines()) + "\n";
    }

    /** The output perf-matrix reads of one ws run: local_thr's for throughput, remote_lat's for latency. */
    private String wsOutput(String localTool, String remoteTool, String size, String count, boolean readLocal)
            throws Exception {
        String endpoint = ToolRuns.freeWsEndpoint();
        CompletableFuture<Result> local = tools.runInBackground(Zmq4jContext::new, localTool, endpoint, size, count);
        Result remote = ToolRuns.run(Zmq4jContext::new, remoteTool, endpoint, size, count);
        Result bound = local.get(20, TimeUnit.SECONDS);
        assertThat(remote.exitCode()).isZero();
        assertThat(bound.exitCode()).isZero();
        return String.join("\n", (readLocal ? bound : remote).lines()) + "\n";
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("python3 %s exited with output:%n%s", args[0], output)
                .isZero();
        return output;
    }
}
