package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code radio_thr <connect-to> <message-size> <message-count>}: connects a RADIO over udp and sends
 * {@code message-count} zeroed messages to the group {@code perf} as fast as it can, for a {@code dish_thr}; reports
 * how fast it handed them over ({@code send rate}), as the C {@code radio_thr} of zmq-perf does on libzmq. SNDHWM is 0
 * (no limit; see {@link PerfContext#socket}): a RADIO drops what its pipe cannot hold rather than wait, so the whole
 * burst is queued and what is lost is lost on the way. Closing waits (LINGER infinite) until the queue is sent.
 */
final class RadioThroughput {
    private RadioThroughput() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.RADIO);
            socket.connect(args.endpoint());
            Stopwatch watch = Stopwatch.start();
            for (int i = 0; i < count; i++) {
                socket.send(buffer, size, DishThroughput.GROUP);
            }
            long elapsed = watch.stopMicros();
            PerfReport.sizeAndSent(out, size, count);
            PerfReport.sendRate(out, count, elapsed);
            socket.close();
        }
    }
}
