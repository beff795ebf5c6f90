package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code local_lat <bind-to> <message-size> <roundtrip-count>}: binds a REP socket and echoes each request of a
 * {@code remote_lat}, checking its size. Prints nothing; like libzmq's, it waits a second before closing so the last
 * reply is not cut short by a peer that is slow to read it.
 */
final class LocalLatency {
    private LocalLatency() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size + 1];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.REP);
            socket.bind(args.endpoint());
            for (int i = 0; i < count; i++) {
                WrongMessageSize.check(size, socket.recv(buffer));
                socket.send(buffer, size);
            }
            Thread.sleep(1_000);
            socket.close();
        }
    }
}
