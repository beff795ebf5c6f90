package dev.zmq4j.socket;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes up routing ids for peers that did not announce one (ROUTER) or cannot (STREAM), as libzmq does: 5 bytes,
 * 0x00 followed by a 32-bit big-endian counter that starts at a random value. The leading zero keeps them apart
 * from announced routing ids, which may not start with 0x00. Not thread-safe: used by one socket.
 */
public final class RoutingIdGenerator {
    private int next = ThreadLocalRandom.current().nextInt();

    /** The next generated routing id that is not a key of {@code inUse}. */
    public RoutingId next(Map<RoutingId, ?> inUse) {
        while (true) {
            int value = next++;
            byte[] bytes = {0, (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
            RoutingId id = new RoutingId(bytes);
            if (!inUse.containsKey(id)) {
                return id;
            }
        }
    }
}
