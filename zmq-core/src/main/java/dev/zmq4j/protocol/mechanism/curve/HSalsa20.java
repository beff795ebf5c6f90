package dev.zmq4j.protocol.mechanism.curve;

import org.bouncycastle.crypto.engines.Salsa20Engine;

/**
 * HSalsa20 (NaCl's crypto_core_hsalsa20), from BouncyCastle's Salsa20 core: the state is laid out as for Salsa20
 * (constants on the diagonal, the key around them, the 16-byte input where the nonce and counter go), run through
 * the 20-round core, and the output is the words at the diagonal and at the input's place, minus the state's words
 * there, since {@link Salsa20Engine#salsaCore} adds the input back and HSalsa20 does not.
 *
 * <p>Not thread-safe: one per connection.
 */
final class HSalsa20 {
    /** "expand 32-byte k" as four little-endian words. */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private static final int[] OUTPUT_WORDS = {0, 5, 10, 15, 6, 7, 8, 9};

    private final int[] state = new int[16];
    private final int[] mixed = new int[16];

    /** Writes HSalsa20(key, input[inputOffset .. +16]) into {@code out} (32 bytes). */
    void derive(byte[] key, byte[] input, int inputOffset, byte[] out) {
        layOut(state, key, 0);
        for (int i = 0; i < 4; i++) {
            state[6 + i] = littleEndian(input, inputOffset + 4 * i);
        }
        Salsa20Engine.salsaCore(20, state, mixed);
        for (int i = 0; i < OUTPUT_WORDS.length; i++) {
            int word = OUTPUT_WORDS[i];
            int value = mixed[word] - state[word];
            out[4 * i] = (byte) value;
            out[4 * i + 1] = (byte) (value >>> 8);
            out[4 * i + 2] = (byte) (value >>> 16);
            out[4 * i + 3] = (byte) (value >>> 24);
        }
    }

    /**
     * Puts the constants and the 32-byte key at {@code key[keyOffset]} where Salsa20 and HSalsa20 both keep them:
     * "expand 32-byte k" on the diagonal (words 0, 5, 10, 15), the key in words 1-4 and 11-14.
     */
    static void layOut(int[] state, byte[] key, int keyOffset) {
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            state[1 + i] = littleEndian(key, keyOffset + 4 * i);
            state[11 + i] = littleEndian(key, keyOffset + 16 + 4 * i);
        }
    }

    private static int littleEndian(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF)
                | (bytes[offset + 1] & 0xFF) << 8
                | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }

    void destroy() {
        java.util.Arrays.fill(state, 0);
        java.util.Arrays.fill(mixed, 0);
    }
}
