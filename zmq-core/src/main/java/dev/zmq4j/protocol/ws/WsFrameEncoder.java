package dev.zmq4j.protocol.ws;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Writes ZMTP {@link Frame}s as ZWS 2.0 WebSocket messages (45/ZWS over RFC 6455), one at a time, into whatever room
 * the output buffer has: each frame one final binary frame whose payload is the ZMTP flags byte (0x01 MORE, 0x02
 * COMMAND) and the body, as libzmq's ws encoder writes it; and control frames (ping, pong, close) as they are. The
 * length takes the shortest of the three forms, as RFC 6455 asks. A client masks every frame with a fresh key, a
 * server never masks (see {@link WsFrameDecoder} for the layout).
 *
 * <p>Mask keys come from a generator seeded once from {@link SecureRandom}: RFC 6455 wants them unpredictable to
 * scripts in a browser, which a zmq4j client is not, and a strong generator per frame would cost more than the frame.
 *
 * <p>Not thread-safe: one encoder per connection, used only on that connection's I/O thread. Encoding allocates
 * nothing.
 */
public final class WsFrameEncoder {
    private static final byte[] EMPTY = new byte[0];

    private final boolean masking;
    private final SplittableRandom maskKeys;
    private final byte[] header = new byte[15];
    private final byte[] mask = new byte[4];
    private int headerLength;
    private int headerPosition;
    private byte[] payload;
    private int payloadPosition;
    private int payloadEnd;
    /** How many payload bytes have been written: the mask index. */
    private long written;

    /** @param masking whether we are the client, whose frames are masked */
    public WsFrameEncoder(boolean masking) {
        this.masking = masking;
        this.maskKeys = masking ? new SplittableRandom(new SecureRandom().nextLong()) : null;
    }

    /**
     * Sets the next ZMTP frame to write as one binary message.
     *
     * @throws IllegalStateException if the previous frame has not been completely written yet
     */
    public void load(Frame frame) {
        int flags =
                (frame.hasMore() ? WsFrameDecoder.ZWS_MORE : 0) | (frame.isCommand() ? WsFrameDecoder.ZWS_COMMAND : 0);
        start(WsFrameDecoder.OPCODE_BINARY, 1L + frame.size());
        // The flags byte goes with the header bytes, masked as the payload's first byte.
        header[headerLength++] = (byte) (flags ^ (masking ? mask[0] : 0));
        written = 1;
        setPayload(frame.array(), frame.offset(), frame.size());
    }

    /**
     * Sets a control frame to write next: {@code opcode} ping (0x9), pong (0xA) or close (0x8), with at most 125
     * bytes of payload at {@code payload[offset]} (copied only as they are written, so they must stay put until
     * then).
     */
    public void loadControl(int opcode, byte[] payload, int offset, int length) {
        if (opcode != WsFrameDecoder.OPCODE_PING
                && opcode != WsFrameDecoder.OPCODE_PONG
                && opcode != WsFrameDecoder.OPCODE_CLOSE) {
            throw new IllegalArgumentException("not a control opcode: " + opcode);
        }
        if (length > WsFrameDecoder.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a control frame carries at most 125 bytes, not " + length);
        }
        start(opcode, length);
        written = 0;
        setPayload(payload, offset, length);
    }

    private void start(int opcode, long length) {
        if (payload != null) {
            throw new IllegalStateException("the previous frame is still being written");
        }
        header[0] = (byte) (WsFrameDecoder.FIN | opcode);
        int maskBit = masking ? WsFrameDecoder.MASKED : 0;
        if (length < 126) {
            header[1] = (byte) (maskBit | length);
            headerLength = 2;
        } else if (length <= 0xFFFF) {
            header[1] = (byte) (maskBit | 126);
            header[2] = (byte) (length >>> 8);
            header[3] = (byte) length;
            headerLength = 4;
        } else {
            header[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (length >>> (56 - 8 * i));
            }
            headerLength = 10;
        }
        if (masking) {
            int key = maskKeys.nextInt();
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) (key >>> (8 * i));
                header[headerLength + i] = mask[i];
            }
            headerLength += 4;
        }
        headerPosition = 0;
    }

    private void setPayload(byte[] bytes, int offset, int length) {
        // An empty frame may have no array; it is still a frame to write.
        payload = bytes != null ? bytes : EMPTY;
        payloadPosition = offset;
        payloadEnd = offset + length;
    }

    /** Whether a frame is loaded and not completely written yet. */
    public boolean hasPending() {
        return payload != null;
    }

    /**
     * Writes as much of the pending frame as fits between {@code out}'s position and limit.
     *
     * @return true when the frame has been completely written (nothing is pending afterwards), or nothing was pending
     */
    public boolean encode(ByteBuffer out) {
        if (payload == null) {
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
        int count = Math.min(out.remaining(), payloadEnd - payloadPosition);
        if (!masking) {
            out.put(payload, payloadPosition, count);
        } else if (out.hasArray()) {
            byte[] array = out.array();
            int at = out.arrayOffset() + out.position();
            WsMask.apply(mask, written, payload, payloadPosition, array, at, count);
            out.position(out.position() + count);
        } else {
            for (int i = 0; i < count; i++) {
                out.put((byte) (payload[payloadPosition + i] ^ mask[(int) ((written + i) & 3)]));
            }
        }
        written += count;
        payloadPosition += count;
        if (payloadPosition < payloadEnd) {
            return false;
        }
        payload = null;
        return true;
    }

    @Override
    public String toString() {
        return payload == null
                ? "WsFrameEncoder[idle]"
                : "WsFrameEncoder[header " + headerPosition + "/" + headerLength + ", payload left "
                        + (payloadEnd - payloadPosition) + "]";
    }
}
