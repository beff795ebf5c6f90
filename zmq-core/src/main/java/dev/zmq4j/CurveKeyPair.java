package dev.zmq4j;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A CURVE key pair (Curve25519, as {@code zmq_curve_keypair} makes them): the public key is what peers are told and
 * what a ZAP handler or an authenticator checks; the secret key never leaves the socket that owns it. Keys are 32
 * bytes, or 40 characters of {@link Z85} text.
 *
 * <pre>
 *  CurveKeyPair server = CurveKeyPair.generate();
 *  socket.set(SocketOption.CURVE_SERVER, true);
 *  socket.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
 * </pre>
 *
 * <p>Immutable and thread-safe; the accessors return copies. {@link #toString()} shows the public key only.
 */
public final class CurveKeyPair {
    /** Bytes in a key. */
    public static final int KEY_SIZE = 32;
    /** Characters in a key's Z85 text. */
    public static final int Z85_KEY_SIZE = 40;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] publicKey;
    private final byte[] secretKey;

    private CurveKeyPair(byte[] publicKey, byte[] secretKey) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    /** A new random key pair. */
    public static CurveKeyPair generate() {
        byte[] secret = new byte[KEY_SIZE];
        X25519.generatePrivateKey(RANDOM, secret);
        return fromSecretKey(secret);
    }

    /**
     * The pair of a secret key (libzmq's {@code zmq_curve_public}): 32 raw bytes, or the 40 ASCII bytes of its Z85
     * text (41 with a trailing NUL).
     *
     * @throws ZmqException EINVAL for any other length or invalid Z85
     */
    public static CurveKeyPair fromSecretKey(byte[] secretKey) {
        byte[] secret = keyBytes("the secret key", secretKey);
        byte[] publicKey = new byte[KEY_SIZE];
        X25519.generatePublicKey(secret, 0, publicKey, 0);
        return new CurveKeyPair(publicKey, secret);
    }

    /** The pair of a secret key given as 40 characters of Z85. */
    public static CurveKeyPair fromSecretKey(String z85SecretKey) {
        if (z85SecretKey == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the secret key must not be null");
        }
        return fromSecretKey(z85SecretKey.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A key as 32 bytes, from 32 raw bytes or the 40 ASCII bytes of its Z85 text (41 when a C caller left the
     * terminating NUL), the forms libzmq's key options accept.
     *
     * @param what names the key in the error ("CURVE_SERVERKEY", "the secret key")
     * @throws ZmqException EINVAL for a null value, another length, or invalid Z85
     */
    public static byte[] keyBytes(String what, byte[] value) {
        if (value == null) {
            throw new ZmqException(ErrorCode.EINVAL, what + " must not be null");
        }
        int length = value.length;
        if (length == Z85_KEY_SIZE + 1 && value[Z85_KEY_SIZE] == 0) {
            length = Z85_KEY_SIZE;
        }
        if (length == KEY_SIZE) {
            return value.clone();
        }
        if (length != Z85_KEY_SIZE) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    what + " must be 32 bytes or 40 characters of Z85, not " + value.length + " bytes");
        }
        try {
            return Z85.decode(new String(value, 0, Z85_KEY_SIZE, StandardCharsets.US_ASCII));
        } catch (ZmqException e) {
            throw new ZmqException(ErrorCode.EINVAL, what + " is not valid Z85: " + e.getMessage());
        }
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] secretKey() {
        return secretKey.clone();
    }

    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    public String secretKeyZ85() {
        return Z85.encode(secretKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CurveKeyPair && java.util.Arrays.equals(publicKey, ((CurveKeyPair) other).publicKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "CurveKeyPair[public " + publicKeyZ85() + "]";
    }
}
