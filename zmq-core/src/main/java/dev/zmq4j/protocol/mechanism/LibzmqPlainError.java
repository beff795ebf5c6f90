package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * The ERROR command as libzmq's PLAIN mechanism writes and reads it. Its source spells the command prefix
 * {@code "\x05ERROR"}, and a C hex escape takes every hex digit that follows, so the prefix is the five bytes
 * {@code 0x5E 'R' 'R' 'O' 'R'} ("^RROR"): every libzmq PLAIN server sends that (4.3.4 and master alike, seen on
 * the wire), and a libzmq PLAIN client recognises only that. A zmq4j PLAIN server sends the same so that libzmq
 * clients report the ZAP status; a zmq4j PLAIN client accepts it as well as the ERROR of 23/ZMTP.
 *
 * <pre>
 *  +------+-----+-----+-----+-----+--------+---------------+
 *  | 0x5E | 'R' | 'R' | 'O' | 'R' | length | reason ...    |
 *  +------+-----+-----+-----+-----+--------+---------------+
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class LibzmqPlainError {
    private static final byte[] PREFIX = {0x5E, 'R', 'R', 'O', 'R'};

    private LibzmqPlainError() {}

    static Frame command(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[PREFIX.length + 1 + text.length];
        System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
        body[PREFIX.length] = (byte) text.length;
        System.arraycopy(text, 0, body, PREFIX.length + 1, text.length);
        return new Frame(body, Frame.COMMAND);
    }

    static boolean is(Frame frame) {
        if (!frame.isCommand() || frame.size() < PREFIX.length) {
            return false;
        }
        byte[] data = frame.array();
        for (int i = 0; i < PREFIX.length; i++) {
            if (data[frame.offset() + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** The reason it carries; its frame must be one ({@link #is}). */
    static String reason(Frame frame) throws ProtocolException {
        int at = frame.offset() + PREFIX.length;
        int end = frame.offset() + frame.size();
        if (at >= end || at + 1 + (frame.array()[at] & 0xFF) > end) {
            throw new ProtocolException(
                    "a PLAIN ERROR whose reason does not fit its body",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR);
        }
        return new String(frame.array(), at + 1, frame.array()[at] & 0xFF, StandardCharsets.US_ASCII);
    }
}
