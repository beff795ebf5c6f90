package dev.zmq4j.protocol;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;

/**
 * Writes {@link Frame}s in ZMTP 3.x framing (23/ZMTP and 37/ZMTP, "Framing"), one frame at a time, into whatever room
 * the output buffer has.
 *
 * <pre>
 *  body 0..255 bytes:   +-------+------+---------+
 *                       | flags | size | body    |        flags = MORE 0x01 | COMMAND 0x04
 *                       +-------+------+---------+
 *  body over 255 bytes: +-------+------------------+---------+
 *                       | flags | size, 8 octets BE| body    |   flags also carry LONG 0x02
 *                       +-------+------------------+---------+
 * </pre>
 *
 * <p>The long form is used exactly when the body is longer than 255 bytes, as libzmq does, so our bytes match
 * libzmq's byte for byte. Only {@link Frame#MORE} and {@link Frame#COMMAND} reach the wire; the other frame flags are
 * internal.
 *
 * <p>Not thread-safe: one encoder per connection, used only on that connection's I/O thread. Encoding allocates
 * nothing; the header lives in a 9-byte array owned by the encoder.
 */
public final class FrameEncoder {
    private final byte[] header = new byte[9];
    private int headerLength;
    private int headerPosition;
    private byte[] body;
    private int bodyPosition;
    private int bodyEnd;

    /**
     * Sets the next frame to write.
     *
     * @throws IllegalStateException if the previous frame has not been completely written yet
     */
    public void load(Frame frame) {
        if (body != null) {
            throw new IllegalStateException("cannot load " + frame + ": the previous frame is still being written");
        }
        byte[] data = frame.array();
        int flags = 0;
        if (frame.hasMore()) {
            flags |= FrameDecoder.WIRE_MORE;
        }
        if (frame.isCommand()) {
            flags |= FrameDecoder.WIRE_COMMAND;
        }
        int length = frame.size();
        if (length > 255) {
            header[0] = (byte) (flags | FrameDecoder.WIRE_LONG);
            long wide = length;
            for (int i = 8; i >= 1; i--) {
                header[i] = (byte) wide;
                wide >>>= 8;
            }
            headerLength = 9;
        } else {
            header[0] = (byte) flags;
            header[1] = (byte) length;
            headerLength = 2;
        }
        headerPosition = 0;
        body = data;
        bodyPosition = frame.offset();
        bodyEnd = bodyPosition + length;
    }

    /** Whether a frame is loaded and not completely written yet. */
    public boolean hasPending() {
        return body != null;
    }

    /**
     * Writes as much of the pending frame as fits between {@code out}'s position and limit: header first, then body.
     *
     * @return true when the frame has been completely written (nothing is pending afterwards), or nothing was pending
     */
    public boolean encode(ByteBuffer out) {
        if (body == null) {
            return true;
        }
        if (headerPosition == 0 && out.remaining() >= headerLength + (bodyEnd - bodyPosition)) {
            // The whole frame fits: one step, no partial bookkeeping.
            out.put(header, 0, headerLength);
            out.put(body, bodyPosition, bodyEnd - bodyPosition);
            body = null;
            return true;
        }
        if (headerPosition < headerLength) {
            int count = Math.min(out.remaining(), headerLength - headerPosition);
            out.put(header, headerPosition, count);
            headerPosition += count;
            if (headerPosition < headerLength) {
                return false;
            }
        }
        int count = Math.min(out.remaining(), bodyEnd - bodyPosition);
        out.put(body, bodyPosition, count);
        bodyPosition += count;
        if (bodyPosition < bodyEnd) {
            return false;
        }
        body = null;
        return true;
    }

    @Override
    public String toString() {
        return body == null
                ? "FrameEncoder[idle]"
                : "FrameEncoder[header " + headerPosition + "/" + headerLength + ", body " + bodyPosition + "/"
                        + bodyEnd + "]";
    }
}
