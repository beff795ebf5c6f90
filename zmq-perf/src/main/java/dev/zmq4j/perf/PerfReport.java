package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The lines libzmq's perf tools print, with their formulas, so a zmq4j or JeroMQ tool reads the same as libzmq's and
 * scripts parse one format; the workloads' lines take the same form. The arithmetic follows libzmq's: throughput truncated to whole messages per second
 * before megabits are derived from it, an elapsed time of 0 counted as 1 us, latency as half a round trip.
 */
final class PerfReport {
    private PerfReport() {}

    static void sizeAndCount(PrintStream out, int messageSize, int messageCount) {
        out.println("message size: " + messageSize + " [B]");
        out.println("message count: " + messageCount);
    }

    static void throughput(PrintStream out, int messageSize, int messageCount, long elapsedMicros) {
        long elapsed = Math.max(1, elapsedMicros);
        long messagesPerSecond = (long) ((double) messageCount / (double) elapsed * 1_000_000);
        double megabits = (double) (messagesPerSecond * messageSize * 8) / 1_000_000;
        out.println("mean throughput: " + messagesPerSecond + " [msg/s]");
        out.println(String.format(Locale.ROOT, "mean throughput: %.3f [Mb/s]", megabits));
    }

    static void sizeAndRoundtrips(PrintStream out, int messageSize, int roundtripCount) {
        out.println("message size: " + messageSize + " [B]");
        out.println("roundtrip count: " + roundtripCount);
    }

    static void latency(PrintStream out, int roundtripCount, long elapsedMicros) {
        double latency = (double) elapsedMicros / (roundtripCount * 2.0);
        out.println(String.format(Locale.ROOT, "average latency: %.3f [us]", latency));
    }

    /**
     * dish_thr's count of what came over udp: received, lost (the count less those received) with its share, and,
     * when some were lost, the silence that ended the run.
     */
    static void received(PrintStream out, int received, int messageCount, int silenceMillis) {
        int lost = messageCount - received;
        out.println("messages received: " + received);
        out.println(String.format(Locale.ROOT, "messages lost: %d (%.2f %%)", lost, 100.0 * lost / messageCount));
        if (lost > 0) {
            out.println("ended after a silence of " + silenceMillis + " [ms]");
        }
    }

    static void sizeAndSent(PrintStream out, int messageSize, int messageCount) {
        out.println("message size: " + messageSize + " [B]");
        out.println("messages sent: " + messageCount);
    }

    /** radio_thr's rate: how fast the RADIO took the messages (it never waits, it drops), truncated as throughput. */
    static void sendRate(PrintStream out, int messageCount, long elapsedMicros) {
        long elapsed = Math.max(1, elapsedMicros);
        out.println("send rate: " + (long) ((double) messageCount / (double) elapsed * 1_000_000) + " [msg/s]");
    }

    /** The many-peers workload's rate: all clients' round trips per second, truncated as libzmq's throughput. */
    static void roundTripRate(PrintStream out, int roundTrips, long elapsedMicros) {
        long elapsed = Math.max(1, elapsedMicros);
        out.println(
                "mean throughput: " + (long) ((double) roundTrips / (double) elapsed * 1_000_000) + " [roundtrips/s]");
    }
}
