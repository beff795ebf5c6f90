package dev.zmq4j.engine;

import dev.zmq4j.SocketType;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ZmtpCommands;
import java.util.Arrays;

/**
 * Subscriptions on the wire, as libzmq sends and accepts them: inside zmq4j (and libzmq) a subscription travels
 * through the pipe as a message whose first byte is 0x01 (subscribe) or 0x00 (cancel), followed by the topic; that is
 * also how ZMTP 3.0 peers send it. A ZMTP 3.1 peer (37/ZMTP) gets a SUBSCRIBE or CANCEL command instead, and a PUB or
 * XPUB accepts both forms.
 *
 * <p>A DISH's JOIN and LEAVE are command frames in the pipe already (see {@code socket/radiodish/Groups}): they go out
 * as they are, and a RADIO gets the commands it receives unchanged, as the frames it reads over inproc.
 *
 * <p>Not thread-safe: one per connection, on its engine's I/O thread; made once the peer's version is known.
 */
final class Subscriptions {
    private final boolean sendsCommands;
    private final boolean acceptsCommands;
    private final boolean acceptsGroupCommands;

    /**
     * @param peerMinorVersion the ZMTP 3 minor version the peer speaks (0 or 1)
     */
    Subscriptions(SocketType type, int peerMinorVersion) {
        this.sendsCommands = peerMinorVersion >= 1 && (type == SocketType.SUB || type == SocketType.XSUB);
        this.acceptsCommands = type == SocketType.PUB || type == SocketType.XPUB;
        this.acceptsGroupCommands = type == SocketType.RADIO;
    }

    /**
     * The frame to send for {@code frame}, which is the first of its message when {@code startsMessage}: a
     * subscription message becomes the command a 3.1 peer expects; everything else goes as it is.
     */
    Frame outbound(Frame frame, boolean startsMessage) {
        if (!sendsCommands || !startsMessage || frame.hasMore() || frame.size() == 0) {
            return frame;
        }
        byte kind = frame.array()[frame.offset()];
        if (kind != 0 && kind != 1) {
            return frame;
        }
        byte[] topic = Arrays.copyOfRange(frame.array(), frame.offset() + 1, frame.offset() + frame.size());
        return kind == 1 ? ZmtpCommands.subscribe(topic) : ZmtpCommands.cancel(topic);
    }

    /**
     * The subscription message a received SUBSCRIBE or CANCEL command stands for, for a PUB or XPUB; null for any
     * other command or socket type. A RADIO gets JOIN and LEAVE commands as they are.
     */
    Frame inbound(Frame command) {
        if (acceptsGroupCommands
                && (ZmtpCommands.is(command, ZmtpCommands.JOIN) || ZmtpCommands.is(command, ZmtpCommands.LEAVE))) {
            return command;
        }
        if (!acceptsCommands) {
            return null;
        }
        boolean subscribe = ZmtpCommands.is(command, ZmtpCommands.SUBSCRIBE);
        if (!subscribe && !ZmtpCommands.is(command, ZmtpCommands.CANCEL)) {
            return null;
        }
        int offset = ZmtpCommands.dataOffset(command);
        int length = ZmtpCommands.dataLength(command);
        byte[] message = new byte[length + 1];
        message[0] = (byte) (subscribe ? 1 : 0);
        System.arraycopy(command.array(), command.offset() + offset, message, 1, length);
        return new Frame(message, 0);
    }
}
