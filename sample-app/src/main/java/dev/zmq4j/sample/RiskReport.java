package dev.zmq4j.sample;

/**
 * The one-day 99% value at risk of a position, estimated from {@code scenarios} simulated price moves.
 * {@code computedBy} names the listener thread, to show several requests being worked on at once.
 */
public record RiskReport(
        String symbol,
        long quantity,
        double price,
        double positionValue,
        double valueAtRisk99,
        int scenarios,
        String computedBy) {}
