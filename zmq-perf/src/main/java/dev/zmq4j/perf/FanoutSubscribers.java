package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code remote_fanout <connect-to> <message-size> <message-count> <subscribers>}: connects that many SUB sockets, one
 * per thread, each subscribed to everything, to a {@code local_fanout}, and measures the aggregate rate at which the
 * messages reach them: subscribers × messages over the time from the first message any subscriber received to the
 * last message of the last one (the clock starting after a first message, as {@code local_thr}'s). Each subscriber
 * checks every message's size and counts them up to the publisher's empty end message; one that got fewer than the
 * count reports the drop and fails the run. Prints libzmq's throughput lines for the aggregate, plus the number of
 * subscribers.
 */
final class FanoutSubscribers {
    private FanoutSubscribers() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) throws InterruptedException {
        int size = args.messageSize();
        int count = args.count();
        int subscribers = args.sockets();
        int deliveries = Math.multiplyExact(subscribers, count);
        long[] firstNanos = new long[subscribers];
        long[] lastNanos = new long[subscribers];
        try (PerfContext context = library.get()) {
            Worker[] workers = new Worker[subscribers];
            for (int i = 0; i < subscribers; i++) {
                int index = i;
                workers[i] = Worker.start(
                        "remote_fanout subscriber " + (i + 1),
                        out,
                        () -> subscribe(context, args, index, firstNanos, lastNanos));
            }
            for (Worker worker : workers) {
                worker.join();
            }
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < subscribers; i++) {
            first = Math.min(first, firstNanos[i]);
            last = Math.max(last, lastNanos[i]);
        }
        PerfReport.sizeAndCount(out, size, count);
        out.println("subscribers: " + subscribers);
        PerfReport.throughput(out, size, deliveries, (last - first) / 1_000);
    }

    /** One subscriber's run, on its own thread with its own socket; records when its first and last message came. */
    private static void subscribe(PerfContext context, ToolArguments args, int index, long[] first, long[] last) {
        int size = args.messageSize();
        int count = args.count();
        byte[] buffer = new byte[size + 1];
        PerfSocket socket = context.socket(PerfContext.Role.SUB);
        socket.subscribe(new byte[0]);
        socket.connect(args.endpoint());
        int received = socket.recv(buffer);
        first[index] = System.nanoTime();
        int counted = 0;
        while (received != 0) {
            WrongMessageSize.check(size, received);
            if (++counted == count) {
                last[index] = System.nanoTime();
            }
            received = socket.recv(buffer);
        }
        if (counted != count) {
            throw new IllegalStateException(
                    "subscriber " + (index + 1) + " received " + counted + " of " + count + " messages");
        }
        socket.close();
    }
}
