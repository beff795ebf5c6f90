package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code local_thr <bind-to> <message-size> <message-count>}: binds a PULL socket and measures how fast the messages
 * of a {@code remote_thr} arrive. The clock starts after the first message, so connecting and the sender's start-up
 * are not counted, and stops after the last; every message's size is checked.
 */
final class LocalThroughput {
    private LocalThroughput() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size + 1];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.PULL);
            socket.bind(args.endpoint());
            WrongMessageSize.check(size, socket.recv(buffer));
            Stopwatch watch = Stopwatch.start();
            for (int i = 1; i < count; i++) {
                WrongMessageSize.check(size, socket.recv(buffer));
            }
            long elapsed = watch.stopMicros();
            PerfReport.sizeAndCount(out, size, count);
            PerfReport.throughput(out, size, count, elapsed);
            socket.close();
        }
    }
}
