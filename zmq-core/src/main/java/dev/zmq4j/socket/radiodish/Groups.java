package dev.zmq4j.socket.radiodish;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ZmtpCommands;
import java.nio.charset.StandardCharsets;

/**
 * RADIO/DISH groups and how joining travels. A group is 1..255 bytes of UTF-8 (libzmq's ZMQ_GROUP_MAX_LENGTH; the
 * empty group is allowed, as in libzmq). A DISH tells its RADIO peers what it joins with frames that are ZMTP command
 * bodies already (37/ZMTP, libzmq's dish.cpp):
 *
 * <pre>
 *  +------+--------+-----------------+
 *  | 0x04 | "JOIN" | group (0..255)  |   COMMAND flag
 *  +------+--------+-----------------+
 *  | 0x05 | "LEAVE"| group (0..255)  |   COMMAND flag
 *  +------+--------+-----------------+
 * </pre>
 *
 * They go through the pipe to the session as they are, and the ZMTP engine sends a COMMAND frame as a command: so
 * nothing translates them on the way out, and on the way in the engine hands a RADIO's JOIN and LEAVE commands to the
 * pipe unchanged (see {@code engine/Subscriptions}). Over inproc the RADIO reads the same frames.
 *
 * <p>Stateless and thread-safe.
 */
public final class Groups {
    /** The longest group, in UTF-8 bytes (libzmq's ZMQ_GROUP_MAX_LENGTH). */
    public static final int MAX_LENGTH = 255;

    private Groups() {}

    /**
     * The UTF-8 bytes of {@code group}; ZmqException EINVAL when it is null or longer than {@value #MAX_LENGTH}
     * bytes, with {@code what} (e.g. "DISH join") in the message.
     */
    public static byte[] encode(String group, String what) {
        if (group == null) {
            throw new ZmqException(ErrorCode.EINVAL, what + ": the group must not be null");
        }
        byte[] bytes = group.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_LENGTH) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    what + ": a group is at most " + MAX_LENGTH + " bytes of UTF-8, not " + bytes.length);
        }
        return bytes;
    }

    /** Whether {@code group} fits {@value #MAX_LENGTH} bytes of UTF-8, without encoding it when it surely does. */
    static boolean fits(String group) {
        // A UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair 4 for 2 units).
        return group.length() * 3 <= MAX_LENGTH || group.getBytes(StandardCharsets.UTF_8).length <= MAX_LENGTH;
    }

    /** The JOIN frame for {@code group}, a ZMTP command body. */
    static Frame join(byte[] group) {
        return ZmtpCommands.command(ZmtpCommands.JOIN, group);
    }

    /** The LEAVE frame for {@code group}, a ZMTP command body. */
    static Frame leave(byte[] group) {
        return ZmtpCommands.command(ZmtpCommands.LEAVE, group);
    }

    /** The group a JOIN or LEAVE frame names, or null when the frame is neither (or longer than a group can be). */
    static String commandGroup(Frame frame) {
        if (!frame.isCommand()
                || frame.hasMore()
                || !(ZmtpCommands.is(frame, ZmtpCommands.JOIN) || ZmtpCommands.is(frame, ZmtpCommands.LEAVE))) {
            return null;
        }
        int length = ZmtpCommands.dataLength(frame);
        if (length > MAX_LENGTH) {
            return null;
        }
        return new String(
                frame.array(), frame.offset() + ZmtpCommands.dataOffset(frame), length, StandardCharsets.UTF_8);
    }

    /** The group a frame holds as its whole content (the first frame of a RADIO message). */
    static String of(Frame frame) {
        return new String(frame.array(), frame.offset(), frame.size(), StandardCharsets.UTF_8);
    }
}
