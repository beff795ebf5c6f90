package dev.zmq4j.sample;

import java.time.Instant;

/** A price for one symbol, as the quote service answers it and the ticker publishes it. */
public record Quote(String symbol, double price, Instant time) {}
