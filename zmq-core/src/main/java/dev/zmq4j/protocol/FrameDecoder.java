package dev.zmq4j.protocol;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;

/**
 * Turns a ZMTP 3.x byte stream into {@link Frame}s, resuming wherever the previous buffer ended.
 *
 * <p>Wire layout of one frame (23/ZMTP section "Framing", unchanged in 37/ZMTP):
 *
 * <pre>
 *  short form (LONG clear, body 0..255 bytes)      long form (LONG set, body 0..2^63-1 bytes)
 *  +-------+------+------------------+             +-------+------------------------+----------------+
 *  | flags | size | body (size bytes)|             | flags | size: 8 octets, BE     | body           |
 *  +-------+------+------------------+             +-------+------------------------+----------------+
 *
 *  flags:  7 6 5 4 3 2 1 0
 *         +-+-+-+-+-+-+-+-+
 *         |0 0 0 0 0|C|L|M|    M = 0x01 MORE, L = 0x02 LONG, C = 0x04 COMMAND, bits 3..7 reserved
 *         +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The long form is accepted for any size, small ones included (the RFC allows it even though libzmq never sends
 * it). Reserved flag bits are ignored, as libzmq does. Whether a COMMAND frame also carries MORE is not judged here:
 * both flags are passed on ({@code MORE -> Frame.MORE}, {@code COMMAND -> Frame.COMMAND}) and the engine decides.
 *
 * <p>The announced size is checked before the body array is allocated, so a peer cannot make us reserve memory by
 * announcing a huge frame. Frames larger than {@link #MAX_FRAME_SIZE} never fit a Java array and are always rejected.
 * After a {@link ProtocolException} the decoder stays failed: every later call throws again.
 *
 * <p>Not thread-safe: one decoder per connection, used only on that connection's I/O thread. Decoding allocates
 * nothing but the body array and the {@link Frame} that wraps it.
 */
public final class FrameDecoder {
    /** Largest body this decoder accepts whatever {@code maxMsgSize} says: the usual JVM array limit. */
    public static final long MAX_FRAME_SIZE = Integer.MAX_VALUE - 8;

    static final int WIRE_MORE = 0x01;
    static final int WIRE_LONG = 0x02;
    static final int WIRE_COMMAND = 0x04;

    private static final byte[] EMPTY = new byte[0];

    private static final int READING_FLAGS = 0;
    private static final int READING_SHORT_SIZE = 1;
    private static final int READING_LONG_SIZE = 2;
    private static final int READING_BODY = 3;
    private static final int FAILED = 4;

    private final long maxMsgSize;

    private int state = READING_FLAGS;
    private int wireFlags;
    private long size;
    private int sizeOctetsRead;
    private byte[] body;
    private int bodyPosition;
    private String failure;

    /** @param maxMsgSize largest accepted body in bytes (libzmq's {@code ZMQ_MAXMSGSIZE}); negative means no limit */
    public FrameDecoder(long maxMsgSize) {
        this.maxMsgSize = maxMsgSize;
    }

    /**
     * Consumes bytes from {@code in}, from its position up to at most its limit, and returns the next complete frame.
     * Stops right after a frame completes, so bytes of the following frame stay in {@code in}.
     *
     * @return the frame, or {@code null} when {@code in} ran out first (the partial frame is kept for the next call)
     * @throws ProtocolException when the announced size is larger than allowed
     */
    public Frame decode(ByteBuffer in) throws ProtocolException {
        while (true) {
            switch (state) {
                case READING_FLAGS:
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    wireFlags = in.get() & 0xFF;
                    if ((wireFlags & WIRE_LONG) != 0) {
                        size = 0;
                        sizeOctetsRead = 0;
                        state = READING_LONG_SIZE;
                    } else {
                        state = READING_SHORT_SIZE;
                    }
                    break;
                case READING_SHORT_SIZE:
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    startBody(in.get() & 0xFF);
                    break;
                case READING_LONG_SIZE:
                    while (sizeOctetsRead < 8 && in.hasRemaining()) {
                        size = (size << 8) | (in.get() & 0xFF);
                        sizeOctetsRead++;
                    }
                    if (sizeOctetsRead < 8) {
                        return null;
                    }
                    startBody(size);
                    break;
                case READING_BODY:
                    int count = Math.min(in.remaining(), body.length - bodyPosition);
                    in.get(body, bodyPosition, count);
                    bodyPosition += count;
                    if (bodyPosition < body.length) {
                        return null;
                    }
                    Frame frame = new Frame(body, frameFlags(wireFlags));
                    body = null;
                    state = READING_FLAGS;
                    return frame;
                default:
                    throw new ProtocolException(failure);
            }
        }
    }

    /** Whether a frame has been started but not completed: a connection closing now loses a partial frame. */
    public boolean isMidFrame() {
        return state != READING_FLAGS && state != FAILED;
    }

    /** Checks the size (still unsigned: a negative value means 2^63 or more) before anything is allocated. */
    private void startBody(long announced) throws ProtocolException {
        if (announced < 0 || announced > MAX_FRAME_SIZE) {
            fail("frame of " + Long.toUnsignedString(announced) + " bytes exceeds the largest supported frame of "
                    + MAX_FRAME_SIZE + " bytes");
        }
        if (maxMsgSize >= 0 && announced > maxMsgSize) {
            fail("frame of " + announced + " bytes exceeds maxMsgSize " + maxMsgSize);
        }
        body = announced == 0 ? EMPTY : new byte[(int) announced];
        bodyPosition = 0;
        state = READING_BODY;
    }

    private void fail(String reason) throws ProtocolException {
        state = FAILED;
        failure = reason;
        body = null;
        throw new ProtocolException(reason);
    }

    private static int frameFlags(int wire) {
        int flags = 0;
        if ((wire & WIRE_MORE) != 0) {
            flags |= Frame.MORE;
        }
        if ((wire & WIRE_COMMAND) != 0) {
            flags |= Frame.COMMAND;
        }
        return flags;
    }

    @Override
    public String toString() {
        return "FrameDecoder[state=" + state + ", maxMsgSize=" + maxMsgSize + "]";
    }
}
