package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * {@code dish_thr <bind-to> <message-size> <message-count>}: binds a DISH on udp, joined to the group {@code perf},
 * and counts what a {@code radio_thr} sends it, as the C {@code dish_thr} of zmq-perf does on libzmq. udp drops, so
 * the run ends at the count or after a silence of {@code ZMQ_PERF_SILENCE_MS} (1000 ms when unset) once the first
 * message is in, and reports the messages received, those lost (the count less those received) and the throughput
 * of those received, timed from the first to the last. It waits at most 10 s for the first. RCVHWM is 0 (no limit;
 * see {@link PerfContext#socket}). Every message's size is checked; the loop allocates nothing of its own.
 */
final class DishThroughput {
    /** The group the RADIO sends to and the DISH joins, as in the C tools. */
    static final String GROUP = "perf";

    private static final int FIRST_WAIT_MILLIS = 10_000;

    private DishThroughput() {}

    static void run(Supplier<PerfContext> library, ToolArguments args, PrintStream out) {
        int size = args.messageSize();
        int count = args.count();
        int silence = silenceFromEnvironment();
        byte[] buffer = new byte[size + 1];
        try (PerfContext context = library.get()) {
            PerfSocket socket = context.socket(PerfContext.Role.DISH);
            socket.join(GROUP);
            socket.bind(args.endpoint());
            int firstSize = socket.recv(buffer, FIRST_WAIT_MILLIS);
            if (firstSize < 0) {
                throw new IllegalStateException("no message within " + FIRST_WAIT_MILLIS + " ms");
            }
            WrongMessageSize.check(size, firstSize);
            long first = System.nanoTime();
            long last = first;
            int received = 1;
            while (received < count) {
                int next = socket.recv(buffer, silence);
                if (next < 0) {
                    break; // silence: the rest were lost
                }
                last = System.nanoTime();
                WrongMessageSize.check(size, next);
                received++;
            }
            PerfReport.sizeAndCount(out, size, count);
            PerfReport.received(out, received, count, silence);
            PerfReport.throughput(out, size, received, (last - first) / 1_000);
            socket.close();
        }
    }

    /** {@code ZMQ_PERF_SILENCE_MS}: how long a silence ends the run, in ms; 1000 when unset or empty. */
    static int silenceFromEnvironment() {
        String text = System.getenv("ZMQ_PERF_SILENCE_MS");
        if (text == null || text.isEmpty()) {
            return 1_000;
        }
        try {
            int silence = Integer.parseInt(text);
            if (silence >= 1) {
                return silence;
            }
        } catch (NumberFormatException e) {
            // reported below, as the C tools word it
        }
        throw new IllegalArgumentException(
                "ZMQ_PERF_SILENCE_MS must be a whole number of milliseconds from 1, not '" + text + "'");
    }
}
