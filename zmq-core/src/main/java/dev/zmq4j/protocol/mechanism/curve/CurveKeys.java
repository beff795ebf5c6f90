package dev.zmq4j.protocol.mechanism.curve;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The key and nonce chores of the CURVE handshake: short-term key pairs, random bytes, and the 24-byte nonces of
 * 26/CURVEZMQ, a fixed ASCII prefix followed by a counter or random part.
 *
 * <p>Stateless and thread-safe ({@link SecureRandom} is).
 */
final class CurveKeys {
    static final int KEY = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CurveKeys() {}

    /** A fresh X25519 secret key into {@code secret} and its public key into {@code publicKey}. */
    static void generate(byte[] secret, byte[] publicKey) {
        X25519.generatePrivateKey(RANDOM, secret);
        X25519.generatePublicKey(secret, 0, publicKey, 0);
    }

    /** The public key of a secret key. */
    static byte[] publicKeyOf(byte[] secret) {
        byte[] publicKey = new byte[KEY];
        X25519.generatePublicKey(secret, 0, publicKey, 0);
        return publicKey;
    }

    static void random(byte[] out, int offset, int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        System.arraycopy(bytes, 0, out, offset, length);
    }

    /** A nonce of a 16-byte prefix and an 8-byte big-endian short nonce. */
    static byte[] shortNonce(String prefix, long counter) {
        byte[] nonce = new byte[CryptoBox.NONCE_BYTES];
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, nonce, 0, 16);
        CurveMessageCodec.putLong(nonce, 16, counter);
        return nonce;
    }

    /** A nonce of an 8-byte prefix and 16 bytes taken from {@code source} at {@code offset}. */
    static byte[] longNonce(String prefix, byte[] source, int offset) {
        byte[] nonce = new byte[CryptoBox.NONCE_BYTES];
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, nonce, 0, 8);
        System.arraycopy(source, offset, nonce, 8, 16);
        return nonce;
    }

    /** A shared key, or null when the peer's key is of small order (then nothing may be sealed with it). */
    static byte[] shared(byte[] secret, byte[] publicKey) {
        byte[] key = new byte[KEY];
        return CryptoBox.sharedKey(secret, publicKey, key) ? key : null;
    }

    static boolean equal(byte[] a, int aOffset, byte[] b) {
        int difference = 0;
        for (int i = 0; i < b.length; i++) {
            difference |= a[aOffset + i] ^ b[i];
        }
        return difference == 0;
    }
}
