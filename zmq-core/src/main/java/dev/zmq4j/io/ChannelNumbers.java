package dev.zmq4j.io;

import java.nio.channels.Channel;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Small numbers standing in for the file descriptors that libzmq's socket events carry: the JDK does not expose a
 * channel's descriptor, so each channel gets the next number the first time an event names it, and keeps it, so
 * that CONNECTED (or ACCEPTED) and the DISCONNECTED of the same connection carry the same value.
 *
 * <p>Only reached when somebody monitors the socket, so the lock costs nothing otherwise. Channels are held weakly:
 * a closed channel's number goes away with it. Thread-safe.
 */
public final class ChannelNumbers {
    private static final Map<Channel, Integer> NUMBERS = new WeakHashMap<>();
    private static int next = 1;

    private ChannelNumbers() {}

    public static synchronized int of(Channel channel) {
        if (channel == null) {
            return 0;
        }
        Integer number = NUMBERS.get(channel);
        if (number == null) {
            number = next;
            next = next == Integer.MAX_VALUE ? 1 : next + 1;
            NUMBERS.put(channel, number);
        }
        return number;
    }
}
