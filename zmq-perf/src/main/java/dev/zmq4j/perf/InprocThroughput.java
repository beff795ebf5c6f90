package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code inproc_thr <message-size> <message-count>}: {@code local_thr} and {@code remote_thr} in one process over
 * {@code inproc://thr_test}, the PULL on the main thread and the PUSH on a worker. As in libzmq, size and count are
 * printed before the run and the throughput after the context is closed.
 */
final class InprocThroughput {
    private static final String ENDPOINT = "inproc://thr_test";

    private InprocThroughput() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size + 1];
        long elapsed;
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.PULL);
            socket.bind(ENDPOINT);
            Worker worker = Worker.start("inproc_thr sender", out, () -> send(context, size, count));
            PerfReport.sizeAndCount(out, size, count);
            WrongMessageSize.check(size, socket.recv(buffer));
            Stopwatch watch = Stopwatch.start();
            for (int i = 1; i < count; i++) {
                WrongMessageSize.check(size, socket.recv(buffer));
            }
            elapsed = watch.stopMicros();
            worker.join();
            socket.close();
        }
        PerfReport.throughput(out, size, count, elapsed);
    }

    private static void send(PerfContext context, int size, int count) {
        byte[] buffer = new byte[size];
        PerfSocket socket = context.socket(PerfContext.Role.PUSH);
        socket.connect(ENDPOINT);
        for (int i = 0; i < count; i++) {
            socket.send(buffer, size);
        }
        socket.close();
    }
}
