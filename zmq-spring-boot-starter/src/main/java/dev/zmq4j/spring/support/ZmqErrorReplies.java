package dev.zmq4j.spring.support;

import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The error reply envelope the default listener error handler sends, and that {@code ZmqTemplate} recognises:
 * two frames, the marker {@code zmq4j-error} then a UTF-8 description {@code ExceptionClass: message}. A non-Java
 * client sees an ordinary two-frame reply it can test for the marker.
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

    public static boolean isError(Message reply) {
        return reply.size() == 2 && Arrays.equals(MARKER_BYTES, reply.get(0));
    }

    public static String description(Message reply) {
        return reply.getString(1);
    }
}
