package dev.zmq4j.protocol;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.msg.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds and reads the bodies of ZMTP command frames (23/ZMTP "Commands", 37/ZMTP adds SUBSCRIBE, CANCEL, PING, PONG,
 * JOIN, LEAVE). A command travels in a frame with the COMMAND flag; its body is:
 *
 * <pre>
 *  +-------------+---------------------+------------------------------+
 *  | name length | name, ASCII         | command data                 |
 *  | 1 octet     | 1..255 octets       | rest of the frame            |
 *  +-------------+---------------------+------------------------------+
 *
 *  READY:  "\x05READY"  metadata properties (see {@link Metadata})
 *  ERROR:  "\x05ERROR"  reason length (1 octet), reason (0..255 octets)
 *  PING:   "\x04PING"   TTL in deciseconds (2 octets, BE), context (0..16 octets)
 *  PONG:   "\x04PONG"   context echoed from the PING (0..16 octets)
 *  SUBSCRIBE / CANCEL:  "\x09SUBSCRIBE" / "\x06CANCEL", topic (rest of the frame)
 * </pre>
 *
 * <p>Command names compare case-sensitively, as libzmq does. The readers look at the body only: whether a frame is a
 * command at all is decided by its {@link Frame#COMMAND} flag. They read the frame where it lies (a view into the
 * engine's input buffer, usually), so recognising a command and reading its fields copies nothing. Stateless and
 * thread-safe.
 */
public final class ZmtpCommands {
    public static final String READY = "READY";
    public static final String ERROR = "ERROR";
    public static final String HELLO = "HELLO";
    public static final String WELCOME = "WELCOME";
    public static final String INITIATE = "INITIATE";
    public static final String MESSAGE = "MESSAGE";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String CANCEL = "CANCEL";
    public static final String PING = "PING";
    public static final String PONG = "PONG";
    public static final String JOIN = "JOIN";
    public static final String LEAVE = "LEAVE";

    /** Longest PING context a peer must echo (37/ZMTP). */
    public static final int MAX_PING_CONTEXT = 16;

    private ZmtpCommands() {}

    /** A READY command carrying {@code metadata}. */
    public static Frame ready(Metadata metadata) {
        byte[] body = new byte[1 + READY.length() + metadata.encodedSize()];
        int offset = writeName(body, READY);
        metadata.encodeInto(body, offset);
        return new Frame(body, Frame.COMMAND);
    }

    /** An ERROR command; the reason is encoded as UTF-8 and cut to 255 bytes. */
    public static Frame error(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 255);
        byte[] body = new byte[1 + ERROR.length() + 1 + length];
        int offset = writeName(body, ERROR);
        body[offset++] = (byte) length;
        System.arraycopy(text, 0, body, offset, length);
        return new Frame(body, Frame.COMMAND);
    }

    /**
     * A PING command.
     *
     * @param ttlDeciseconds 0..65535, how long the peer may wait for traffic before giving up on us
     * @param context 0..16 bytes the peer echoes in its PONG; null for none
     */
    public static Frame ping(int ttlDeciseconds, byte[] context) {
        if (ttlDeciseconds < 0 || ttlDeciseconds > 0xFFFF) {
            throw new IllegalArgumentException("PING ttl must be 0..65535 deciseconds: " + ttlDeciseconds);
        }
        int contextLength = context == null ? 0 : context.length;
        if (contextLength > MAX_PING_CONTEXT) {
            throw new IllegalArgumentException("PING context must be at most 16 bytes: " + contextLength);
        }
        byte[] body = new byte[1 + PING.length() + 2 + contextLength];
        int offset = writeName(body, PING);
        body[offset++] = (byte) (ttlDeciseconds >>> 8);
        body[offset++] = (byte) ttlDeciseconds;
        if (contextLength > 0) {
            System.arraycopy(context, 0, body, offset, contextLength);
        }
        return new Frame(body, Frame.COMMAND);
    }

    /** A PONG command echoing {@code context}, cut to 16 bytes; null for none. */
    public static Frame pong(byte[] context) {
        int length = context == null ? 0 : Math.min(context.length, MAX_PING_CONTEXT);
        byte[] body = new byte[1 + PONG.length() + length];
        int offset = writeName(body, PONG);
        if (length > 0) {
            System.arraycopy(context, 0, body, offset, length);
        }
        return new Frame(body, Frame.COMMAND);
    }

    /** A 37/ZMTP SUBSCRIBE command for {@code topic}. */
    public static Frame subscribe(byte[] topic) {
        return command(SUBSCRIBE, topic);
    }

    /** A 37/ZMTP CANCEL command for {@code topic}. */
    public static Frame cancel(byte[] topic) {
        return command(CANCEL, topic);
    }

    /** Any command: the name (1..255 ASCII characters) followed by {@code data}. */
    public static Frame command(String name, byte[] data) {
        checkName(name);
        byte[] body = new byte[1 + name.length() + data.length];
        int offset = writeName(body, name);
        System.arraycopy(data, 0, body, offset, data.length);
        return new Frame(body, Frame.COMMAND);
    }

    /**
     * A PONG answering {@code ping}: its context (cut to 16 bytes) copied once, straight into the PONG's body.
     *
     * @throws IllegalArgumentException if {@code ping} is not a PING
     */
    public static Frame pongFor(Frame ping) {
        if (!is(ping, PING)) {
            throw new IllegalArgumentException("not a PING: " + ping);
        }
        int contextStart = 1 + PING.length() + 2;
        int length = Math.max(0, Math.min(ping.size() - contextStart, MAX_PING_CONTEXT));
        byte[] body = new byte[1 + PONG.length() + length];
        int offset = writeName(body, PONG);
        if (length > 0) {
            // A PING too short to carry a context may end its array: copying even nothing from past it would throw.
            System.arraycopy(ping.array(), ping.offset() + contextStart, body, offset, length);
        }
        return new Frame(body, Frame.COMMAND);
    }

    /** The command name, or null if the body is malformed (empty, a zero name length, or a name beyond the body). */
    public static String name(Frame command) {
        if (!isWellFormed(command)) {
            return null;
        }
        byte[] array = command.array();
        int start = command.offset();
        return new String(array, start + 1, array[start] & 0xFF, StandardCharsets.ISO_8859_1);
    }

    /**
     * Offset of the command data within the body, just past the name: {@code 1 + name length}. The data lies at
     * {@code command.array()[command.offset() + dataOffset(command)]}, {@link #dataLength} bytes of it.
     *
     * @throws IllegalArgumentException if the body is malformed (check {@link #name} or {@link #is} first)
     */
    public static int dataOffset(Frame command) {
        if (!isWellFormed(command)) {
            throw new IllegalArgumentException("malformed command body in " + command);
        }
        return 1 + (command.array()[command.offset()] & 0xFF);
    }

    /** Number of data bytes after the name; same precondition as {@link #dataOffset}. */
    public static int dataLength(Frame command) {
        return command.size() - dataOffset(command);
    }

    /** Whether the body holds a well-formed command called exactly {@code name}. Reads in place, allocates nothing. */
    public static boolean is(Frame command, String name) {
        byte[] array = command.array();
        int start = command.offset();
        int length = name.length();
        if (length == 0 || command.size() < 1 + length || (array[start] & 0xFF) != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (array[start + 1 + i] != (byte) name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The TTL of a PING in deciseconds, or -1 if the PING is too short to carry one. Allocates nothing. */
    public static int pingTtl(Frame ping) {
        int ttlOffset = 1 + PING.length();
        if (!is(ping, PING) || ping.size() < ttlOffset + 2) {
            return -1;
        }
        byte[] array = ping.array();
        int at = ping.offset() + ttlOffset;
        return ((array[at] & 0xFF) << 8) | (array[at + 1] & 0xFF);
    }

    /** The context of a PING (what the PONG must echo), cut to 16 bytes, as a copy; empty when there is none. */
    public static byte[] pingContext(Frame ping) {
        int contextOffset = 1 + PING.length() + 2;
        if (!is(ping, PING) || ping.size() <= contextOffset) {
            return new byte[0];
        }
        int from = ping.offset() + contextOffset;
        return Arrays.copyOfRange(ping.array(), from, from + Math.min(ping.size() - contextOffset, MAX_PING_CONTEXT));
    }

    /**
     * The reason carried by an ERROR command (UTF-8).
     *
     * @throws ProtocolException if the frame is not an ERROR or its reason length runs past the body
     */
    public static String errorReason(Frame error) throws ProtocolException {
        int lengthOffset = 1 + ERROR.length();
        if (!is(error, ERROR) || error.size() < lengthOffset + 1) {
            throw new ProtocolException(
                    "malformed ERROR command: " + error, SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR);
        }
        byte[] array = error.array();
        int length = array[error.offset() + lengthOffset] & 0xFF;
        if (error.size() < lengthOffset + 1 + length) {
            throw new ProtocolException(
                    "ERROR reason of " + length + " bytes runs past the command body",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR);
        }
        return new String(array, error.offset() + lengthOffset + 1, length, StandardCharsets.UTF_8);
    }

    private static boolean isWellFormed(Frame command) {
        if (command.size() == 0) {
            return false;
        }
        int length = command.array()[command.offset()] & 0xFF;
        return length > 0 && 1 + length <= command.size();
    }

    private static int writeName(byte[] body, String name) {
        body[0] = (byte) name.length();
        for (int i = 0; i < name.length(); i++) {
            body[1 + i] = (byte) name.charAt(i);
        }
        return 1 + name.length();
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("command name must be 1..255 characters: \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("command name \"" + name + "\" is not ASCII");
            }
        }
    }
}
