package dev.zmq4j.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * ZMTP byte vectors written out by hand from 23/ZMTP and libzmq's tests/testutil.hpp, shared by the codec tests and
 * the engine tests: what libzmq sends must be what zmq4j sends, byte for byte.
 */
public final class GoldenVectors {
    /** DEALER's NULL READY with an empty Identity: 43 bytes. */
    public static final byte[] DEALER_READY = bytes(
            new byte[] {0x04, 41, 5},
            ascii("READY"),
            new byte[] {11},
            ascii("Socket-Type"),
            new byte[] {0, 0, 0, 6},
            ascii("DEALER"),
            new byte[] {8},
            ascii("Identity"),
            new byte[] {0, 0, 0, 0});

    /** SUB's NULL READY: 27 bytes. */
    public static final byte[] SUB_READY = bytes(
            new byte[] {0x04, 0x19, 5},
            ascii("READY"),
            new byte[] {11},
            ascii("Socket-Type"),
            new byte[] {0, 0, 0, 3},
            ascii("SUB"));

    /** XPUB's NULL READY: 28 bytes. */
    public static final byte[] XPUB_READY = bytes(
            new byte[] {0x04, 0x1A, 5},
            ascii("READY"),
            new byte[] {11},
            ascii("Socket-Type"),
            new byte[] {0, 0, 0, 4},
            ascii("XPUB"));

    /** PUB's NULL READY: 27 bytes. */
    public static final byte[] PUB_READY = bytes(
            new byte[] {0x04, 0x19, 5},
            ascii("READY"),
            new byte[] {11},
            ascii("Socket-Type"),
            new byte[] {0, 0, 0, 3},
            ascii("PUB"));

    /** libzmq's NULL greeting without a routing id: 64 bytes. */
    public static final byte[] NULL_GREETING = bytes(
            new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3, 1}, ascii("NULL"), new byte[16], new byte[32]);

    /** The same with the CURVE mechanism. */
    public static final byte[] CURVE_GREETING = bytes(
            new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3, 1}, ascii("CURVE"), new byte[15], new byte[32]);

    private GoldenVectors() {}

    /** A ZMTP 3.0 peer's NULL greeting: the 3.1 one with minor version 0. */
    public static byte[] nullGreeting30() {
        byte[] greeting = NULL_GREETING.clone();
        greeting[Greeting.MINOR_OFFSET] = 0;
        return greeting;
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A short-form frame: flags (MORE 0x01, COMMAND 0x04), size, body. */
    public static byte[] shortFrame(int flags, byte[] body) {
        if (body.length > 255) {
            throw new IllegalArgumentException("a short frame holds at most 255 bytes: " + body.length);
        }
        return bytes(new byte[] {(byte) flags, (byte) body.length}, body);
    }
}
