package dev.zmq4j.sample;

/** A unit of background work pushed down the job pipeline: snapshot the price of {@code symbol}. */
public record ReportJob(String id, String symbol) {}
