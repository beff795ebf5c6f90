package dev.zmq4j.perf;

/** A frame of another size than the tools agreed on: libzmq's tools stop with "message of incorrect size received". */
final class WrongMessageSize extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongMessageSize(int expected, int received) {
        super("message of incorrect size received (expected " + expected + " B, got "
                + (received > expected ? "more" : received + " B") + ")");
    }

    /** Throws unless {@code received} (a {@link PerfSocket#recv} result) is {@code expected}; kept small to inline. */
    static void check(int expected, int received) {
        if (received != expected) {
            throw new WrongMessageSize(expected, received);
        }
    }
}
