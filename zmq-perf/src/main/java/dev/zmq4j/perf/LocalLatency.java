package dev.zmq4j.perf;

import java.util.function.Supplier;

/**
 * {@code local_lat <bind-to> <message-size> <roundtrip-count>}: binds a REP socket and echoes each request of a
 * {@code remote_lat}, checking its size; and {@code server_lat}, the same with a SERVER (the draft type) for a
 * {@code client_lat}, each reply going to the CLIENT its request came from. Prints nothing; like libzmq's, it waits a
 * second before closing so the last reply is not cut short by a peer that is slow to read it.
 */
final class LocalLatency {
    private LocalLatency() {}

    /** Runs the tool with a REP ({@code local_lat}) or a SERVER ({@code server_lat}). */
    static void run(Supplier<PerfContext> library, ToolArguments args, PerfContext.Role role)
            throws InterruptedException {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size + 1];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(role);
            socket.bind(args.endpoint());
            for (int i = 0; i < count; i++) {
                if (role == PerfContext.Role.SERVER) {
                    WrongMessageSize.check(size, socket.echo());
                } else {
                    WrongMessageSize.check(size, socket.recv(buffer));
                    socket.send(buffer, size);
                }
            }
            Thread.sleep(1_000);
            socket.close();
        }
    }
}
