package dev.zmq4j.perf.soak;

import java.util.List;

/**
 * What one pattern did during a soak. {@code sent}, {@code received} and {@code lost} count the steady traffic,
 * whose guarantees hold (req-rep and pipeline lose nothing, pub-sub drops only at the high-water mark);
 * {@code chaosReceived} counts what the killed peers managed to exchange (-1: not counted); {@code failures} lists every broken
 * guarantee, empty when the pattern passed.
 */
record FlowResult(
        String pattern,
        String setup,
        long sent,
        long received,
        long lost,
        long chaosReceived,
        String notes,
        List<String> failures) {}
