package dev.zmq4j;

import dev.zmq4j.engine.DatagramCounters;

/** For tests in other packages: what a {@link Socket}'s engine side counts, which the public API does not show. */
public final class SocketInternals {
    private SocketInternals() {}

    /** What the socket's udp endpoints dropped (oversized messages, malformed datagrams). */
    public static DatagramCounters datagramCounters(Socket socket) {
        return socket.base().datagramCounters();
    }
}
