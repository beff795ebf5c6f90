package dev.zmq4j.protocol.mechanism.curve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.Salsa20Engine;

/**
 * The XSalsa20 keystream as NaCl defines it, XORed into messages: the 24-byte nonce's first 16 bytes and the key give
 * a subkey through HSalsa20 ({@link HSalsa20}), and the keystream is Salsa20 under that subkey with the nonce's last
 * 8 bytes and a 64-bit block counter from 0. Every keystream block is BouncyCastle's Salsa20 block function
 * ({@link Salsa20Engine#salsaCore}, 20 rounds, the input added back); this class only lays out the input and counts
 * blocks, as {@code XSalsa20Engine} does, which it matches byte for byte (see the tests).
 *
 * <p>Why not {@code XSalsa20Engine} itself: its {@code init} builds parameter objects and a scratch array for every
 * nonce, and CURVE takes a new nonce for every message; and it serialises each keystream block to bytes and XORs a
 * byte at a time, which made the cipher cost about five times the MAC per byte. Here whole blocks are XORed eight
 * bytes at a time straight from the block's words, and nothing is allocated.
 *
 * <p>Not thread-safe: one per connection's {@link CryptoBox}.
 */
final class XSalsa20Stream {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 64;
    private static final int ROUNDS = 20;

    /** Salsa20's input: the constants on the diagonal, the subkey around them, nonce words 6-7, counter words 8-9. */
    private final int[] input = new int[16];
    /** The current keystream block, as little-endian words. */
    private final int[] block = new int[16];

    private final byte[] subkey = new byte[32];
    private final HSalsa20 hsalsa20 = new HSalsa20();
    /** How many bytes of {@link #block} are used up; {@value #BLOCK} when the next byte needs a new block. */
    private int used = BLOCK;

    /** Starts the keystream of {@code key} and the 24-byte nonce at {@code nonce[nonceOffset]}. */
    void start(byte[] key, byte[] nonce, int nonceOffset) {
        hsalsa20.derive(key, nonce, nonceOffset, subkey);
        startUnderSubkey(subkey, nonce, nonceOffset + 16);
    }

    /** The subkey {@link #start} derives from {@code key} for nonces beginning with the 16 bytes at {@code prefix}. */
    void subkey(byte[] key, byte[] prefix, int offset, byte[] subkeyOut) {
        hsalsa20.derive(key, prefix, offset, subkeyOut);
    }

    /** Starts the keystream of a {@link #subkey} and the nonce's last 8 bytes, at {@code nonceTail[tailOffset]}. */
    void startUnderSubkey(byte[] subkey, byte[] nonceTail, int tailOffset) {
        HSalsa20.layOut(input, subkey, 0);
        input[6] = (int) INTS.get(nonceTail, tailOffset);
        input[7] = (int) INTS.get(nonceTail, tailOffset + 4);
        input[8] = 0;
        input[9] = 0;
        used = BLOCK;
    }

    /**
     * XORs the next {@code length} keystream bytes with {@code in} into {@code out}. {@code in} and {@code out} may
     * be the same region (in place), not overlapping ones.
     */
    void xor(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        int done = xorRestOfBlock(in, inOffset, length, out, outOffset);
        inOffset += done;
        outOffset += done;
        length -= done;
        while (length >= BLOCK) {
            nextBlock();
            for (int word = 0; word < 16; word += 2) {
                long keystream = (block[word] & 0xFFFFFFFFL) | ((long) block[word + 1] << 32);
                int at = 4 * word;
                LONGS.set(out, outOffset + at, (long) LONGS.get(in, inOffset + at) ^ keystream);
            }
            used = BLOCK;
            inOffset += BLOCK;
            outOffset += BLOCK;
            length -= BLOCK;
        }
        if (length > 0) {
            nextBlock();
            xorRestOfBlock(in, inOffset, length, out, outOffset);
        }
    }

    /** XORs up to {@code length} bytes with what is left of the current block; returns how many. */
    private int xorRestOfBlock(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        int count = Math.min(length, BLOCK - used);
        for (int i = 0; i < count; i++) {
            int at = used + i;
            out[outOffset + i] = (byte) (in[inOffset + i] ^ (block[at >>> 2] >>> ((at & 3) << 3)));
        }
        used += count;
        return count;
    }

    private void nextBlock() {
        Salsa20Engine.salsaCore(ROUNDS, input, block);
        if (++input[8] == 0) {
            ++input[9];
        }
        used = 0;
    }

    void destroy() {
        Arrays.fill(input, 0);
        Arrays.fill(block, 0);
        Arrays.fill(subkey, (byte) 0);
        hsalsa20.destroy();
        used = BLOCK;
    }
}
