package dev.zmq4j.spring.support;

import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The error reply envelope the default listener error handler sends, and that {@code ZmqTemplate} recognises:
 * two frames, the marker {@code zmq4j-error} then a UTF-8 description {@code ExceptionClass: message}. A non-Java
 * client sees an ordinary two-frame reply it can test for the marker.
 *
 * <p>Single-part sockets (SERVER, CLIENT) carry one frame per message, so there the reply is folded into one frame:
 * the marker, one zero byte, the description ({@link #singleFrame}). No text or JSON reply starts that way.
 * {@link #isError} and {@link #description} read both forms. Stateless.
 */
public final class ZmqErrorReplies {
    public static final String MARKER = "zmq4j-error";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);

    private ZmqErrorReplies() {}

    public static Message of(String description) {
        return Message.of(MARKER, description == null ? "" : description);
    }

    public static Message of(Throwable error) {
        return of(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    /** The one-frame form of a two-frame error reply: {@code zmq4j-error}, a zero byte, the description. */
    public static Message singleFrame(Message errorReply) {
        byte[] description = errorReply.get(1);
        byte[] frame = Arrays.copyOf(MARKER_BYTES, MARKER_BYTES.length + 1 + description.length);
        System.arraycopy(description, 0, frame, MARKER_BYTES.length + 1, description.length);
        return Message.of(frame);
    }

    public static boolean isError(Message reply) {
        return (reply.size() == 2 && Arrays.equals(MARKER_BYTES, reply.get(0)))
                || (reply.size() == 1 && isSingleFrameError(reply.get(0)));
    }

    public static String description(Message reply) {
        if (reply.size() == 2) {
            return reply.getString(1);
        }
        byte[] frame = reply.get(0);
        int start = MARKER_BYTES.length + 1;
        return new String(frame, start, frame.length - start, StandardCharsets.UTF_8);
    }

    private static boolean isSingleFrameError(byte[] frame) {
        return frame.length > MARKER_BYTES.length
                && frame[MARKER_BYTES.length] == 0
                && Arrays.equals(frame, 0, MARKER_BYTES.length, MARKER_BYTES, 0, MARKER_BYTES.length);
    }
}
