package dev.zmq4j.protocol.mechanism.curve;

import java.util.Arrays;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * NaCl's crypto_box and crypto_secretbox as CurveZMQ (26/CURVEZMQ) uses them, in the layout that goes on the wire:
 * the 16-byte Poly1305 tag, then the ciphertext (NaCl's box without its 16 leading zero bytes). A box key is
 * precomputed once per peer ({@link #sharedKey}, crypto_box_beforenm); after that a box and a secretbox are the
 * same operation, XSalsa20-Poly1305 under a 32-byte key: the first 32 keystream bytes are the one-time Poly1305 key
 * and the message is XORed with the keystream from byte 32 on.
 *
 * <p>The primitives are BouncyCastle's (X25519, the Salsa20 block function, Poly1305); this class only puts them
 * together as NaCl does. Sealing and opening allocate nothing: the Poly1305 key lives in one {@link KeyParameter}
 * whose array is overwritten for every box (its {@code getKey} returns that array), and the cipher is re-keyed in
 * place ({@link XSalsa20Stream}).
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread.
 */
public final class CryptoBox {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    public static final int TAG_BYTES = 16;

    private static final byte[] ZERO_NONCE = new byte[16];

    private final XSalsa20Stream stream = new XSalsa20Stream();
    private final Poly1305 mac = new Poly1305();
    private final KeyParameter macKey = new KeyParameter(new byte[32]);
    private final byte[] tag = new byte[TAG_BYTES];

    /**
     * crypto_box_beforenm: X25519 of our secret key and the peer's public key, then HSalsa20 of that with a zero
     * input. False, with {@code sharedKeyOut} zeroed, when the result is all zeros (a public key of small order, or
     * all zeros): nothing may be sealed with such a key. Never throws for 32-byte keys.
     */
    public static boolean sharedKey(byte[] secretKey, byte[] publicKey, byte[] sharedKeyOut) {
        byte[] point = new byte[KEY_BYTES];
        try {
            if (!X25519.calculateAgreement(secretKey, 0, publicKey, 0, point, 0)) {
                Arrays.fill(sharedKeyOut, 0, KEY_BYTES, (byte) 0);
                return false;
            }
            HSalsa20 hsalsa20 = new HSalsa20();
            hsalsa20.derive(point, ZERO_NONCE, 0, sharedKeyOut);
            hsalsa20.destroy();
            return true;
        } finally {
            Arrays.fill(point, (byte) 0);
        }
    }

    /**
     * Seals {@code length} bytes of {@code in}, writing the tag and then the ciphertext ({@code TAG_BYTES +
     * length} bytes) at {@code out[outOffset]}. {@code in} and {@code out} may be the same array only if the
     * regions do not overlap.
     */
    public void seal(
            byte[] key, byte[] nonce, int nonceOffset, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        stream.start(key, nonce, nonceOffset);
        sealStarted(in, inOffset, length, out, outOffset);
    }

    /**
     * Opens a box of {@code length} bytes (tag included) at {@code in[inOffset]}, writing {@code length -
     * TAG_BYTES} bytes of plaintext at {@code out[outOffset]}. The tag is checked, in constant time, before anything
     * is decrypted: false for a forged, corrupted or too short box, and then nothing is written.
     */
    public boolean open(
            byte[] key, byte[] nonce, int nonceOffset, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < TAG_BYTES) {
            return false;
        }
        stream.start(key, nonce, nonceOffset);
        return openStarted(in, inOffset, length, out, outOffset);
    }

    /**
     * XSalsa20's subkey of {@code key} for every nonce that begins with the 16 bytes at {@code prefix[offset]}
     * (HSalsa20 of the two), into {@code subkeyOut} (32 bytes). A CURVE connection's MESSAGE nonces all share one
     * prefix per direction, so the subkey is made once, not once per message as {@link #seal} makes it.
     */
    public void subkey(byte[] key, byte[] prefix, int offset, byte[] subkeyOut) {
        stream.subkey(key, prefix, offset, subkeyOut);
    }

    /**
     * {@link #seal} under a {@link #subkey}: the box of the nonce made of the subkey's prefix and the 8 bytes at
     * {@code nonceTail[tailOffset]}, byte for byte.
     */
    public void sealUnderSubkey(
            byte[] subkey,
            byte[] nonceTail,
            int tailOffset,
            byte[] in,
            int inOffset,
            int length,
            byte[] out,
            int outOffset) {
        stream.startUnderSubkey(subkey, nonceTail, tailOffset);
        sealStarted(in, inOffset, length, out, outOffset);
    }

    /** {@link #open} under a {@link #subkey}, as {@link #sealUnderSubkey} seals. */
    public boolean openUnderSubkey(
            byte[] subkey,
            byte[] nonceTail,
            int tailOffset,
            byte[] in,
            int inOffset,
            int length,
            byte[] out,
            int outOffset) {
        if (length < TAG_BYTES) {
            return false;
        }
        stream.startUnderSubkey(subkey, nonceTail, tailOffset);
        return openStarted(in, inOffset, length, out, outOffset);
    }

    private void sealStarted(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        takeOneTimeKey();
        stream.xor(in, inOffset, length, out, outOffset + TAG_BYTES);
        mac.update(out, outOffset + TAG_BYTES, length);
        mac.doFinal(out, outOffset);
    }

    private boolean openStarted(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        takeOneTimeKey();
        mac.update(in, inOffset + TAG_BYTES, length - TAG_BYTES);
        mac.doFinal(tag, 0);
        int difference = 0;
        for (int i = 0; i < TAG_BYTES; i++) {
            difference |= tag[i] ^ in[inOffset + i];
        }
        if (difference != 0) {
            return false;
        }
        stream.xor(in, inOffset + TAG_BYTES, length - TAG_BYTES, out, outOffset);
        return true;
    }

    /** Takes the started stream's first 32 bytes as the one-time Poly1305 key. */
    private void takeOneTimeKey() {
        byte[] oneTimeKey = macKey.getKey();
        Arrays.fill(oneTimeKey, (byte) 0);
        stream.xor(oneTimeKey, 0, KEY_BYTES, oneTimeKey, 0);
        mac.init(macKey);
    }

    /** Overwrites keys and buffers with zeros; null arrays are skipped. */
    public static void wipe(byte[]... secrets) {
        for (byte[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    /** Forgets the last one-time key and keystream state. */
    public void destroy() {
        Arrays.fill(macKey.getKey(), (byte) 0);
        Arrays.fill(tag, (byte) 0);
        mac.reset();
        stream.destroy();
    }
}
