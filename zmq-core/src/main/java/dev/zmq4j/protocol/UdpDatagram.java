package dev.zmq4j.protocol;

import java.nio.ByteBuffer;

/**
 * One RADIO message as one udp datagram, as libzmq's udp_engine writes it (src/udp_engine.cpp):
 *
 * <pre>
 *  +--------------+-----------------------+---------------------------+
 *  | group length | group                 | body                      |
 *  | 1 octet      | 0..255 octets         | the rest of the datagram  |
 *  +--------------+-----------------------+---------------------------+
 *                  at most {@value #MAX_SIZE} octets in all (MAX_UDP_MSG)
 * </pre>
 *
 * For group "grp" and body "body-bytes": {@code 03 67 72 70 62 6f 64 79 2d 62 79 74 65 73}. A datagram whose group
 * length runs past its end is malformed and ignored, as libzmq does; so is one longer than {@value #MAX_SIZE} bytes,
 * which libzmq would cut to that size.
 *
 * <p>Works on buffers only, never on channels. Stateless and thread-safe.
 */
public final class UdpDatagram {
    /** The largest datagram, header included (libzmq's MAX_UDP_MSG). */
    public static final int MAX_SIZE = 8192;

    private UdpDatagram() {}

    /** The size of the datagram for a group and body of these sizes. */
    public static int size(int groupLength, int bodyLength) {
        return 1 + groupLength + bodyLength;
    }

    /**
     * Writes the datagram into {@code out} (write mode) and returns true; returns false, leaving {@code out} as it was,
     * when it would exceed {@value #MAX_SIZE} bytes, the group 255, or the room in {@code out}.
     */
    public static boolean encode(
            ByteBuffer out,
            byte[] group,
            int groupOffset,
            int groupLength,
            byte[] body,
            int bodyOffset,
            int bodyLength) {
        int size = size(groupLength, bodyLength);
        if (groupLength > 255 || size > MAX_SIZE || size > out.remaining()) {
            return false;
        }
        out.put((byte) groupLength);
        out.put(group, groupOffset, groupLength);
        out.put(body, bodyOffset, bodyLength);
        return true;
    }

    /**
     * The group length of the datagram between {@code datagram}'s position and limit, which is left as it was: the
     * group starts one byte after the position and the body follows it. -1 when the datagram is malformed (empty,
     * a group running past its end, longer than {@value #MAX_SIZE} bytes).
     */
    public static int groupLength(ByteBuffer datagram) {
        int size = datagram.remaining();
        if (size < 1 || size > MAX_SIZE) {
            return -1;
        }
        int groupLength = datagram.get(datagram.position()) & 0xFF;
        return 1 + groupLength <= size ? groupLength : -1;
    }
}
