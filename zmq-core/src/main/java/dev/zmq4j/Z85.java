package dev.zmq4j;

import java.util.Arrays;

/**
 * Z85 (32/Z85), the text form of CURVE keys: every 4 bytes, read as a big-endian 32-bit number, become 5 characters
 * of an 85-character alphabet, most significant first. A 32-byte key is 40 characters.
 *
 * <p>Decoding refuses what libzmq refuses since its fuzzing: a length that is not a positive multiple of 5, a
 * character outside the alphabet, and a group of 5 characters worth more than 0xFFFFFFFF.
 *
 * <p>Stateless and thread-safe.
 */
public final class Z85 {
    private static final char[] ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".toCharArray();
    /** Character to digit, -1 outside the alphabet. */
    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGITS[ALPHABET[i]] = (byte) i;
        }
    }

    private Z85() {}

    /**
     * @throws ZmqException EINVAL when {@code data} is null or its length is not a multiple of 4
     */
    public static String encode(byte[] data) {
        if (data == null || data.length % 4 != 0) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "Z85 encodes a multiple of 4 bytes, not " + (data == null ? "null" : data.length + " bytes"));
        }
        char[] text = new char[data.length / 4 * 5];
        for (int in = 0, out = 0; in < data.length; in += 4, out += 5) {
            long value = ((data[in] & 0xFFL) << 24)
                    | ((data[in + 1] & 0xFFL) << 16)
                    | ((data[in + 2] & 0xFFL) << 8)
                    | (data[in + 3] & 0xFFL);
            for (int i = 4; i >= 0; i--) {
                text[out + i] = ALPHABET[(int) (value % 85)];
                value /= 85;
            }
        }
        return new String(text);
    }

    /**
     * @throws ZmqException EINVAL for a null text, a length that is not a positive multiple of 5, a character
     *     outside the alphabet, or a group above 0xFFFFFFFF
     */
    public static byte[] decode(String text) {
        if (text == null || text.isEmpty() || text.length() % 5 != 0) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "Z85 decodes a multiple of 5 characters, not "
                            + (text == null ? "null" : text.length() + " characters"));
        }
        byte[] data = new byte[text.length() / 5 * 4];
        for (int in = 0, out = 0; in < text.length(); in += 5, out += 4) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                char c = text.charAt(in + i);
                int digit = c < 128 ? DIGITS[c] : -1;
                if (digit < 0) {
                    throw new ZmqException(
                            ErrorCode.EINVAL, "invalid Z85 character " + describe(c) + " at position " + (in + i));
                }
                value = value * 85 + digit;
            }
            if (value > 0xFFFF_FFFFL) {
                throw new ZmqException(
                        ErrorCode.EINVAL,
                        // The group itself is not quoted: the text may be a secret key.
                        "the Z85 group at position " + in + " is worth more than 32 bits");
            }
            data[out] = (byte) (value >>> 24);
            data[out + 1] = (byte) (value >>> 16);
            data[out + 2] = (byte) (value >>> 8);
            data[out + 3] = (byte) value;
        }
        return data;
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format("0x%02X", (int) c);
    }
}
