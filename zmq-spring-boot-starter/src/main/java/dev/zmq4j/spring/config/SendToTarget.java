package dev.zmq4j.spring.config;

/**
 * Where a listener's {@code @SendTo} forwards its results: a declared sending socket (its {@code zmq.sockets} key)
 * and, for a PUB or XPUB, the topic frame to send before each result (null otherwise). Immutable.
 */
public record SendToTarget(String socketName, String topic) {}
