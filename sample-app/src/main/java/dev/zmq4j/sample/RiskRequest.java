package dev.zmq4j.sample;

/** Ask the risk service about a position: {@code {"symbol":"ACME","quantity":1000}}. */
public record RiskRequest(String symbol, long quantity) {}
