package dev.zmq4j.perf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
