package dev.zmq4j.perf;

/**
 * The parsed command line of one tool: the endpoint (null for the inproc tools, which pick their own), the message
 * size in bytes (0 or more; 1 or more for fan-out), the message or round-trip count (1 or more), and for the
 * workloads the number of sockets on the connecting side (subscribers or clients) and the window of requests each
 * client keeps outstanding (0 where a tool takes none).
 */
record ToolArguments(String endpoint, int messageSize, int count, int sockets, int window) {
    ToolArguments(String endpoint, int messageSize, int count) {
        this(endpoint, messageSize, count, 0, 0);
    }
}
