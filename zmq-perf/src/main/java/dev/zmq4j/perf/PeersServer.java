package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code local_peers <bind-to> <message-size> <roundtrip-count> <clients>}: binds a ROUTER and echoes every request
 * of a {@code remote_peers} back to the DEALER it came from, checking its size: clients × (roundtrip-count + 1)
 * requests, each client's first round trip being the one that sets up its connection before the clock starts. One
 * thread does it all, receiving the routing id and the body into reused buffers. Prints nothing.
 */
final class PeersServer {
    /** ZMTP routing ids are 1 to 255 bytes. */
    private static final int MAX_ROUTING_ID = 255;

    private PeersServer() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) {
        int size = args.messageSize();
        long requests = (long) args.sockets() * ((long) args.count() + 1);
        byte[] routingId = new byte[MAX_ROUTING_ID + 1];
        byte[] body = new byte[size + 1];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.ROUTER);
            socket.bind(args.endpoint());
            for (long i = 0; i < requests; i++) {
                int idSize = socket.recv(routingId);
                if (idSize > MAX_ROUTING_ID) {
                    throw new IllegalStateException("routing id longer than " + MAX_ROUTING_ID + " B");
                }
                WrongMessageSize.check(size, socket.recv(body));
                socket.sendMore(routingId, idSize);
                socket.send(body, size);
            }
            socket.close();
        }
    }
}
