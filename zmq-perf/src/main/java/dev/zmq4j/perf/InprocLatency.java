package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code inproc_lat <message-size> <roundtrip-count>}: {@code remote_lat} and {@code local_lat} in one process over
 * {@code inproc://lat_test}, the REQ bound on the main thread and timing, a REP on a worker echoing.
 */
final class InprocLatency {
    private static final String ENDPOINT = "inproc://lat_test";

    private InprocLatency() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size + 1];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.REQ);
            socket.bind(ENDPOINT);
            Worker worker = Worker.start("inproc_lat echo", out, () -> echo(context, size, count));
            PerfReport.sizeAndRoundtrips(out, size, count);
            Stopwatch watch = Stopwatch.start();
            for (int i = 0; i < count; i++) {
                socket.send(buffer, size);
                WrongMessageSize.check(size, socket.recv(buffer));
            }
            long elapsed = watch.stopMicros();
            worker.join();
            PerfReport.latency(out, count, elapsed);
            socket.close();
        }
    }

    private static void echo(PerfContext context, int size, int count) {
        byte[] buffer = new byte[size + 1];
        PerfSocket socket = context.socket(PerfContext.Role.REP);
        socket.connect(ENDPOINT);
        for (int i = 0; i < count; i++) {
            int received = socket.recv(buffer);
            socket.send(buffer, Math.min(received, buffer.length));
        }
        socket.close();
    }
}
