package dev.zmq4j.perf;

/** libzmq's {@code zmq_stopwatch_start}/{@code zmq_stopwatch_stop}: elapsed microseconds on a monotonic clock. */
final class Stopwatch {
    private final long startNanos;

    private Stopwatch(long startNanos) {
        this.startNanos = startNanos;
    }

    static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    long stopMicros() {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
