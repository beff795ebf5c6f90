package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code remote_lat <connect-to> <message-size> <roundtrip-count>}: connects a REQ socket, times the round trips of a
 * zeroed message through a {@code local_lat}, and reports half the mean round trip as the latency. As in libzmq, the
 * clock starts before the first request, so the connection's set-up is part of the first round trip. Each round trip
 * is also timed on its own, for the percentiles and the warm mean after {@code ZMQ_PERF_WARMUP} round trips
 * ({@link RoundTrips}); the two clock reads per round trip cost some 50 ns against tens of microseconds. And
 * {@code client_lat}, the same with a CLIENT (the draft type) through a {@code server_lat}.
 */
final class RemoteLatency {
    private RemoteLatency() {}

    /** Runs the tool with a REQ ({@code remote_lat}) or a CLIENT ({@code client_lat}). */
    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out, PerfContext.Role role) {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size + 1];
        RoundTrips roundTrips = new RoundTrips(count, RoundTrips.warmupFromEnvironment(count));
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(role);
            socket.connect(args.endpoint());
            Stopwatch watch = Stopwatch.start();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                socket.send(buffer, size);
                WrongMessageSize.check(size, socket.recv(buffer));
                roundTrips.record(System.nanoTime() - start);
            }
            long elapsed = watch.stopMicros();
            PerfReport.sizeAndRoundtrips(out, size, count);
            PerfReport.latency(out, count, elapsed);
            roundTrips.print(out);
            socket.close();
        }
    }
}
