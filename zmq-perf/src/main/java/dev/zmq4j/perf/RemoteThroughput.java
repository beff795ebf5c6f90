package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code remote_thr <connect-to> <message-size> <message-count>}: connects a PUSH socket and sends the messages as
 * fast as the socket takes them, then closes, waiting (infinite LINGER) until all have left. Prints nothing.
 */
final class RemoteThroughput {
    private RemoteThroughput() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.PUSH);
            socket.connect(args.endpoint());
            for (int i = 0; i < count; i++) {
                socket.send(buffer, size);
            }
            socket.close();
        }
    }
}
