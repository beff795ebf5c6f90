package dev.zmq4j.perf;

/**
 * The parsed command line of one tool: the endpoint (null for the inproc tools, which pick their own), the message
 * size in bytes (0 or more) and the message or round-trip count (1 or more).
 */
record ToolArguments(String endpoint, int messageSize, int count) {}
