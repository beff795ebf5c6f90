package dev.zmq4j.protocol.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The WebSocket masking XOR (RFC 6455 section 5.3), eight bytes at a time: a 4-byte key repeats every 4 bytes, so
 * the key rotated to the payload position and doubled masks a whole long. A byte-at-a-time loop, which the JIT does
 * not vectorise, took most of an I/O thread's time at 1 KiB frames (the ws rows of the perf matrix).
 *
 * <p>Stateless and thread-safe.
 */
final class WsMask {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private WsMask() {}

    /**
     * Writes {@code count} bytes of {@code source} XOR the key into {@code target} (which may be the same array, at
     * the same offset).
     *
     * @param key the 4 key bytes
     * @param position where in the payload {@code source[sourceOffset]} is: which key byte masks it
     */
    static void apply(
            byte[] key, long position, byte[] source, int sourceOffset, byte[] target, int targetOffset, int count) {
        int first = (int) (position & 3);
        int rotated = (key[first] & 0xFF)
                | (key[(first + 1) & 3] & 0xFF) << 8
                | (key[(first + 2) & 3] & 0xFF) << 16
                | (key[(first + 3) & 3] & 0xFF) << 24;
        long pattern = (rotated & 0xFFFF_FFFFL) | ((long) rotated << 32);
        int i = 0;
        for (; i <= count - 8; i += 8) {
            long bytes = (long) LONGS.get(source, sourceOffset + i);
            LONGS.set(target, targetOffset + i, bytes ^ pattern);
        }
        for (; i < count; i++) {
            target[targetOffset + i] = (byte) (source[sourceOffset + i] ^ key[(int) ((position + i) & 3)]);
        }
    }
}
