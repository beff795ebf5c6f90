package dev.zmq4j.sample;

/** What a client sends the quote service: {@code {"symbol":"ACME"}}. */
public record QuoteRequest(String symbol) {}
