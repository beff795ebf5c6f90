package dev.zmq4j.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The 64-byte ZMTP 3.x greeting (23/ZMTP and 37/ZMTP, "Version Negotiation" and "Authentication and Confidentiality").
 *
 * <pre>
 *  offset 0    1                      9    10      11      12                 32        33            64
 *        +----+----------------------+----+-------+-------+------------------+---------+-------------+
 *        |0xFF| padding, 8 octets    |0x7F| major | minor | mechanism, ASCII | as-     | filler,     |
 *        |    | (libzmq: BE int64 of |    | 0x03  | 0x00/ | NUL-padded to 20 | server  | 31 zero     |
 *        |    |  routing-id length+1)|    |       | 0x01  | "NULL", "PLAIN"..| 0x00/01 | octets      |
 *        +----+----------------------+----+-------+-------+------------------+---------+-------------+
 *        \____ signature, 10 octets _____/
 * </pre>
 *
 * <p>The greeting is sent in pieces, as libzmq does: the 10-byte {@link #signature} at once, the major version once
 * the peer's signature proves it versioned ({@link #isVersionedSignature}), and the remaining 53 bytes
 * ({@link #afterMajor}) once the peer's major version is known. The padding carries the routing-id length plus one so
 * that a ZMTP 1.0 peer reads the signature as the header of a long identity frame. libzmq always sends as-server 0 and
 * ignores the peer's value; the mechanism name must match byte for byte.
 *
 * <p>Stateless and thread-safe.
 */
public final class Greeting {
    public static final int SIGNATURE_SIZE = 10;
    public static final int SIZE = 64;
    public static final int MAJOR_OFFSET = 10;
    public static final int MINOR_OFFSET = 11;
    public static final int MECHANISM_OFFSET = 12;
    public static final int MECHANISM_SIZE = 20;
    public static final int AS_SERVER_OFFSET = 32;
    /** Bytes sent after the major version byte: minor, mechanism, as-server, filler. */
    public static final int AFTER_MAJOR_SIZE = SIZE - MAJOR_OFFSET - 1;

    public static final int VERSION_MAJOR = 3;
    public static final int VERSION_MINOR = 1;

    private Greeting() {}

    /** The 10-byte signature: 0xFF, {@code routingIdLength + 1} as 8 big-endian octets, 0x7F. */
    public static byte[] signature(int routingIdLength) {
        if (routingIdLength < 0 || routingIdLength > 255) {
            throw new IllegalArgumentException("routing id length must be 0..255: " + routingIdLength);
        }
        byte[] signature = new byte[SIGNATURE_SIZE];
        signature[0] = (byte) 0xFF;
        long padding = routingIdLength + 1L;
        for (int i = 8; i >= 1; i--) {
            signature[i] = (byte) padding;
            padding >>>= 8;
        }
        signature[9] = 0x7F;
        return signature;
    }

    /**
     * Whether the first 10 bytes received form a ZMTP 2.0+ signature (byte 0 is 0xFF and byte 9 has its low bit set);
     * otherwise the peer speaks ZMTP 1.0.
     */
    public static boolean isVersionedSignature(byte[] greeting) {
        if (greeting.length < SIGNATURE_SIZE) {
            throw new IllegalArgumentException(
                    "need the first " + SIGNATURE_SIZE + " greeting bytes, got " + greeting.length);
        }
        return (greeting[0] & 0xFF) == 0xFF && (greeting[9] & 1) == 1;
    }

    /**
     * The 53 bytes after the major version: minor version {@value #VERSION_MINOR}, the mechanism NUL-padded to 20
     * bytes, the as-server byte and 31 zero bytes.
     *
     * @param mechanism 1..20 printable ASCII characters, e.g. "NULL", "PLAIN", "CURVE"
     */
    public static byte[] afterMajor(String mechanism, boolean asServer) {
        checkMechanism(mechanism);
        byte[] rest = new byte[AFTER_MAJOR_SIZE];
        rest[0] = VERSION_MINOR;
        int mechanismStart = MECHANISM_OFFSET - MINOR_OFFSET;
        for (int i = 0; i < mechanism.length(); i++) {
            rest[mechanismStart + i] = (byte) mechanism.charAt(i);
        }
        rest[AS_SERVER_OFFSET - MINOR_OFFSET] = (byte) (asServer ? 1 : 0);
        return rest;
    }

    /** A complete 64-byte greeting: {@link #signature}, major version, {@link #afterMajor}. */
    public static byte[] full(int routingIdLength, String mechanism, boolean asServer) {
        byte[] greeting = new byte[SIZE];
        System.arraycopy(signature(routingIdLength), 0, greeting, 0, SIGNATURE_SIZE);
        greeting[MAJOR_OFFSET] = VERSION_MAJOR;
        byte[] rest = afterMajor(mechanism, asServer);
        System.arraycopy(rest, 0, greeting, MINOR_OFFSET, rest.length);
        return greeting;
    }

    /** The mechanism name in a complete greeting, trailing NULs stripped. */
    public static String mechanism(byte[] greeting) {
        checkComplete(greeting);
        int end = MECHANISM_OFFSET + MECHANISM_SIZE;
        while (end > MECHANISM_OFFSET && greeting[end - 1] == 0) {
            end--;
        }
        return new String(greeting, MECHANISM_OFFSET, end - MECHANISM_OFFSET, StandardCharsets.ISO_8859_1);
    }

    /** The major version byte of a greeting holding at least 11 bytes. */
    public static int major(byte[] greeting) {
        return greeting[MAJOR_OFFSET] & 0xFF;
    }

    /** The minor version byte of a greeting holding at least 12 bytes. */
    public static int minor(byte[] greeting) {
        return greeting[MINOR_OFFSET] & 0xFF;
    }

    /** The as-server byte of a complete greeting (informational only: libzmq ignores it). */
    public static boolean asServer(byte[] greeting) {
        checkComplete(greeting);
        return greeting[AS_SERVER_OFFSET] != 0;
    }

    private static void checkComplete(byte[] greeting) {
        if (greeting.length < SIZE) {
            throw new IllegalArgumentException("need a complete " + SIZE + "-byte greeting, got " + greeting.length);
        }
    }

    private static void checkMechanism(String mechanism) {
        if (mechanism.isEmpty() || mechanism.length() > MECHANISM_SIZE) {
            throw new IllegalArgumentException("mechanism must be 1..20 characters: \"" + mechanism + "\"");
        }
        for (int i = 0; i < mechanism.length(); i++) {
            char c = mechanism.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("mechanism \"" + mechanism + "\" has a non-printable or non-ASCII "
                        + "character at index " + i);
            }
        }
    }
}
