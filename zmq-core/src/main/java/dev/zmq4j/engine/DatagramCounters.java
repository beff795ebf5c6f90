package dev.zmq4j.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a socket's udp engines dropped rather than send or deliver: messages too large for one datagram
 * ({@link dev.zmq4j.protocol.UdpDatagram#MAX_SIZE}), and received datagrams that were malformed. libzmq drops both
 * silently; zmq4j counts them so that an application (and a test) can see it happen.
 *
 * <p>Thread-safe: written on I/O threads, read from any thread.
 */
public final class DatagramCounters {
    private final AtomicLong oversizedDropped = new AtomicLong();
    private final AtomicLong malformedIgnored = new AtomicLong();

    /** Messages a RADIO did not send because their datagram would exceed 8192 bytes. */
    public long oversizedDropped() {
        return oversizedDropped.get();
    }

    /** Datagrams a DISH received and ignored: empty, a group running past the end, or over 8192 bytes. */
    public long malformedIgnored() {
        return malformedIgnored.get();
    }

    /** Counts a dropped oversized message; returns the count including it. */
    long countOversized() {
        return oversizedDropped.incrementAndGet();
    }

    void countMalformed() {
        malformedIgnored.incrementAndGet();
    }
}
