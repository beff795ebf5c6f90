package dev.zmq4j.perf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs perf tools in-process for the tests, as their command lines would run them, with their output captured: the
 * connecting side on the test's thread, the bound side in the background on daemon threads that {@link #close()}
 * interrupts. Free ports come from the loopback interface. Not thread-safe.
 */
final class ToolRuns implements AutoCloseable {
    /** A tool's exit code and its output, line by line. */
    record Result(int exitCode, List<String> lines) {}

    private final ExecutorService background;

    ToolRuns(String threadName) {
        background = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    static Result run(Supplier<PerfContext> library, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exitCode = PerfCommand.run("zmq-perf", library, args, out);
        return new Result(
                exitCode, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    CompletableFuture<Result> runInBackground(Supplier<PerfContext> library, String... args) {
        return CompletableFuture.supplyAsync(() -> run(library, args), background);
    }

    static String freeTcpEndpoint() throws IOException {
        return "tcp://127.0.0.1:" + freePort();
    }

    /** A ws endpoint as perf-matrix gives it, with the path the tools default to spelled out. */
    static String freeWsEndpoint() throws IOException {
        return "ws://127.0.0.1:" + freePort() + "/";
    }

    /** A udp endpoint on a port free a moment ago, for a DISH to bind (the tools print no endpoint they bound). */
    static String freeUdpEndpoint() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return "udp://127.0.0.1:" + probe.getLocalPort();
        }
    }

    /**
     * Waits until a udp socket is bound to the endpoint's port on this machine (Linux's /proc/net/udp: a DISH says
     * nothing when it is bound, and a RADIO's datagrams before that are lost), or until {@code bound} is done.
     */
    static void awaitUdpBound(String endpoint, CompletableFuture<?> bound) throws InterruptedException {
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        while (!isBoundUdp(port) && !bound.isDone()) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static boolean isBoundUdp(int port) {
        String wanted = String.format(":%04X", port);
        try {
            return Files.readAllLines(Path.of("/proc/net/udp")).stream()
                    .skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .anyMatch(fields -> fields[1].endsWith(wanted));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/net/udp", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
