package dev.zmq4j.perf;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The round trips of one {@code remote_lat} run, each timed on its own, for what libzmq's mean hides: the warm mean
 * (without the first {@code ZMQ_PERF_WARMUP} round trips, which carry the connection's set-up and, for a JVM, the
 * compiler's warm-up) and the one-way percentiles p50, p90, p99, p99.9 and the maximum (half a round trip each, as
 * libzmq's latency is half a round trip). The C tool prints the same lines from the same rules (remote_lat.c).
 *
 * <p>Not thread-safe: one per run, filled by the timing thread. Its array is made before the timing starts.
 */
final class RoundTrips {
    /** How many leading round trips the warm figures leave out, from the environment; 0 when unset. */
    static int warmupFromEnvironment(int count) {
        String text = System.getenv("ZMQ_PERF_WARMUP");
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int warmup;
        try {
            warmup = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ZMQ_PERF_WARMUP must be a number of round trips, not '" + text + "'");
        }
        if (warmup < 0 || warmup >= count) {
            throw new IllegalArgumentException(
                    "ZMQ_PERF_WARMUP must be at least 0 and below the roundtrip count " + count + ", not " + warmup);
        }
        return warmup;
    }

    private final long[] nanos;
    private final int warmup;
    private int recorded;

    RoundTrips(int count, int warmup) {
        this.nanos = new long[count];
        this.warmup = warmup;
    }

    void record(long roundTripNanos) {
        nanos[recorded++] = roundTripNanos;
    }

    /** Prints the warm mean (when there was a warm-up) and the percentiles of the round trips after the warm-up. */
    void print(PrintStream out) {
        long[] measured = Arrays.copyOfRange(nanos, warmup, recorded);
        if (measured.length == 0) {
            return;
        }
        if (warmup > 0) {
            long sum = 0;
            for (long value : measured) {
                sum += value;
            }
            out.println("warm-up roundtrips: " + warmup);
            out.println(
                    String.format(Locale.ROOT, "warm average latency: %.3f [us]", oneWayMicros(sum) / measured.length));
        }
        Arrays.sort(measured);
        printPercentiles(out, "latency percentiles", measured, 2000.0);
    }

    /**
     * Prints the percentiles of whole round trips, sorting {@code nanos} in place: {@code round-trip percentiles:
     * p50 ... max ... [us]}. For the many-peers workload, where a request waits behind the others of its window, so
     * that half its round trip would be no one-way latency. Nothing is printed for no round trips.
     */
    static void printWholeRoundTrips(PrintStream out, long[] nanos) {
        if (nanos.length == 0) {
            return;
        }
        Arrays.sort(nanos);
        printPercentiles(out, "round-trip percentiles", nanos, 1000.0);
    }

    private static void printPercentiles(PrintStream out, String label, long[] sorted, double nanosPerUnit) {
        out.println(String.format(
                Locale.ROOT,
                "%s: p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f [us]",
                label,
                percentile(sorted, 0.50) / nanosPerUnit,
                percentile(sorted, 0.90) / nanosPerUnit,
                percentile(sorted, 0.99) / nanosPerUnit,
                percentile(sorted, 0.999) / nanosPerUnit,
                sorted[sorted.length - 1] / nanosPerUnit));
    }

    /** The nearest-rank percentile: the smallest value at or above which a share {@code p} of the values lie. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double oneWayMicros(double roundTripNanos) {
        return roundTripNanos / 2000.0;
    }
}
