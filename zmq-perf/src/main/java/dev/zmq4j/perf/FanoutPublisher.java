package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code local_fanout <bind-to> <message-size> <message-count> <subscribers>}: binds an XPUB, waits until every
 * subscriber of a {@code remote_fanout} has subscribed, publishes the messages to all of them, then one empty message
 * that ends the run, and closes once the last subscriber has left. Prints nothing.
 *
 * <p>No slow joiner: XPUB_VERBOSE hands the publisher every subscription (without it, only the first to the empty
 * topic), and a subscription reaches the application only once its subscriber is among those the XPUB publishes to,
 * so after the last one every subscriber gets every message. XPUB_NODROP makes a send wait while a subscriber is at
 * its high-water mark (left at the default, 1000) instead of dropping for it: the run is lossless and goes at the
 * pace of the slowest subscriber. XPUB is PUB with the subscriptions visible; they share their publishing code in
 * libzmq, JeroMQ and zmq4j.
 */
final class FanoutPublisher {
    private static final byte[] END = new byte[0];

    private FanoutPublisher() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.XPUB);
            socket.enable(PerfSocket.Option.XPUB_VERBOSE);
            socket.enable(PerfSocket.Option.XPUB_NODROP);
            socket.bind(args.endpoint());
            awaitSubscriptions(socket, args.sockets());
            for (int i = 0; i < count; i++) {
                socket.send(buffer, size);
            }
            socket.send(END, 0);
            awaitLastUnsubscription(socket);
            socket.close();
        }
    }

    /**
     * Stays until every subscriber has gone: the XPUB passes on the unsubscription from the empty topic (the single
     * byte 0) when the last of them leaves, so the subscribers close with their publisher still there, not while it
     * disconnects. (zmq4j's Context.close could wait for ever when a publisher disconnected as its SUBs closed.)
     */
    private static void awaitLastUnsubscription(PerfSocket socket) {
        byte[] unsubscription = new byte[2];
        int size = socket.recv(unsubscription);
        if (size != 1 || unsubscription[0] != 0) {
            throw new IllegalStateException("expected the unsubscription of the last subscriber (one byte 0), got "
                    + size + " B starting with " + unsubscription[0]);
        }
    }

    /** Receives one subscription to the empty topic (the single byte 1) from each subscriber. */
    private static void awaitSubscriptions(PerfSocket socket, int subscribers) {
        byte[] subscription = new byte[2];
        for (int i = 0; i < subscribers; i++) {
            int size = socket.recv(subscription);
            if (size != 1 || subscription[0] != 1) {
                throw new IllegalStateException("expected the subscription of subscriber " + (i + 1) + " of "
                        + subscribers + " (one byte 1), got " + size + " B starting with " + subscription[0]);
            }
        }
    }
}
