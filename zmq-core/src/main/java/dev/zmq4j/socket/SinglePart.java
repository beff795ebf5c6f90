package dev.zmq4j.socket;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.msg.Frame;

/**
 * The draft types' rule for sending: one frame per message, as libzmq's (a MORE send fails with EINVAL there too).
 *
 * <p>Stateless and thread-safe.
 */
public final class SinglePart {
    private SinglePart() {}

    /** @throws ZmqException EINVAL when {@code frame} announces more frames */
    public static void checkSend(Frame frame, SocketType type) {
        if (frame.hasMore()) {
            throw new ZmqException(ErrorCode.EINVAL, "a " + type + " socket sends single-part messages only");
        }
    }
}
