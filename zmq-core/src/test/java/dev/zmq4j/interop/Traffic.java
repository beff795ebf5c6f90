package dev.zmq4j.interop;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The messages interop tests exchange, defined exactly as in {@code src/test/python/zmq_peer.py} so either side
 * can generate them and the other can check them.
 */
public final class Traffic {
    private Traffic() {}

    /** Push/pull message {@code i}: its decimal digits; every 1000th is padded with '.' to 300 bytes (long frame). */
    public static byte[] payload(int i) {
        byte[] digits = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        if (i % 1000 != 0) {
            return digits;
        }
        byte[] padded = Arrays.copyOf(digits, 300);
        Arrays.fill(padded, digits.length, padded.length, (byte) '.');
        return padded;
    }

    /** REQ request {@code i}: "request i", plus "second frame i" when i is odd. */
    public static byte[][] request(int i) {
        byte[] first = ascii("request " + i);
        return i % 2 == 1 ? new byte[][] {first, ascii("second frame " + i)} : new byte[][] {first};
    }

    /** DEALER message {@code i}: "header i", an empty frame, "body i" (plus 300 'x' when i % 10 == 0). */
    public static byte[][] dealerFrames(int i) {
        String body = "body " + i + (i % 10 == 0 ? "x".repeat(300) : "");
        return new byte[][] {ascii("header " + i), new byte[0], ascii(body)};
    }

    /** PAIR message {@code i}. */
    public static byte[] pair(int i) {
        return ascii("pair " + i);
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Frames as short printable text for failure messages. */
    public static String show(Iterable<byte[]> frames) {
        StringBuilder text = new StringBuilder("[");
        for (byte[] frame : frames) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(show(frame));
        }
        return text.append(']').toString();
    }

    public static String show(byte[] frame) {
        if (frame == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("'");
        for (int k = 0; k < Math.min(frame.length, 40); k++) {
            int b = frame[k] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        if (frame.length > 40) {
            text.append("...(").append(frame.length).append(" B)");
        }
        return text.append('\'').toString();
    }
}
