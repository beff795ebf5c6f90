package dev.zmq4j.protocol;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;
import java.util.Arrays;

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
 * <p>The announced size is checked before the body array is allocated, and a large body's array grows as its bytes
 * arrive, so a peer cannot make us reserve memory by announcing a huge frame. Frames larger than
 * {@link #MAX_FRAME_SIZE} never fit a Java array and are always rejected.
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

    /** Frames up to this size that arrive in pieces are assembled without allocating. */
    public static final int SCRATCH_SIZE = 8 * 1024;

    /** What a large body's array holds at first, before more of its bytes have arrived. */
    public static final int FIRST_BODY_CHUNK = 64 * 1024;

    private static final int READING_FLAGS = 0;
    private static final int READING_SHORT_SIZE = 1;
    private static final int READING_LONG_SIZE = 2;
    private static final int READING_BODY = 3;
    private static final int FAILED = 4;

    /**
     * Largest frame accepted while the handshake runs, whatever maxMsgSize says. The largest legitimate handshake
     * command is a READY or INITIATE with a few properties (an identity of at most 255 bytes, a socket type, the
     * ZAP user id): far below this. Without a bound an unauthenticated peer could make us hold a frame as large as
     * maxMsgSize allows before anyone knows who it is (libzmq's CVE-2019-13132 came from unbounded INITIATE
     * metadata).
     */
    public static final int MAX_HANDSHAKE_FRAME = 64 * 1024;

    private final long maxMsgSize;
    /** The bound in force: {@link #MAX_HANDSHAKE_FRAME} until {@link #handshakeDone()}, then maxMsgSize. */
    private long limit;

    private boolean handshaking = true;

    private int state = READING_FLAGS;
    private int wireFlags;
    private long size;
    private int sizeOctetsRead;
    /** Where a body arriving in pieces is assembled: the scratch array, or an array of its own when larger. */
    private byte[] body;

    private int bodySize;
    private int bodyPosition;
    /**
     * Reused for small frames that arrive in pieces, so they cost no allocation; made when the first such frame
     * comes, so that a connection that never sees one (an idle one) does not pay for it.
     */
    private byte[] scratch;

    private String failure;

    /**
     * A decoder for a connection whose handshake has not run yet: until {@link #handshakeDone()} frames are bounded by
     * {@link #MAX_HANDSHAKE_FRAME} too.
     *
     * @param maxMsgSize largest accepted body in bytes (libzmq's {@code ZMQ_MAXMSGSIZE}); negative means no limit
     */
    public FrameDecoder(long maxMsgSize) {
        this.maxMsgSize = maxMsgSize;
        this.limit = maxMsgSize >= 0 ? Math.min(maxMsgSize, MAX_HANDSHAKE_FRAME) : MAX_HANDSHAKE_FRAME;
    }

    /** The handshake has succeeded: from now on frames up to maxMsgSize are accepted. */
    public void handshakeDone() {
        handshaking = false;
        limit = maxMsgSize;
    }

    /**
     * Consumes bytes from {@code in} (from its position up to its limit) and returns the next complete frame as a
     * new owned frame, or null when {@code in} ran out first (partial state is kept for the next call). The size
     * is checked against maxMsgSize before anything is allocated.
     */
    public Frame decode(ByteBuffer in) throws ProtocolException {
        Frame view = new Frame();
        return decode(in, view) ? view.copy() : null;
    }

    /**
     * Consumes bytes from {@code in} and, when a frame is complete, describes it in {@code view} and returns true.
     * Without allocating, the view points into {@code in}'s array (a heap buffer holding the whole frame, valid
     * until {@code in} is modified) or into the decoder's reusable scratch array (a small frame that arrived in
     * pieces, valid until the next call); a frame larger than the scratch array arrives in an array of its own,
     * which the view owns. Returns false when {@code in} ran out before a frame completed.
     */
    public boolean decode(ByteBuffer in, Frame view) throws ProtocolException {
        if (state == READING_FLAGS && in.hasArray() && decodeWholeFrameInPlace(in, view)) {
            return true;
        }
        while (true) {
            switch (state) {
                case READING_FLAGS:
                    if (!in.hasRemaining()) {
                        return false;
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
                        return false;
                    }
                    startBody(in.get() & 0xFF);
                    break;
                case READING_LONG_SIZE:
                    while (sizeOctetsRead < 8 && in.hasRemaining()) {
                        size = (size << 8) | (in.get() & 0xFF);
                        sizeOctetsRead++;
                    }
                    if (sizeOctetsRead < 8) {
                        return false;
                    }
                    startBody(size);
                    break;
                case READING_BODY:
                    if (body == null) {
                        if (in.hasArray() && in.remaining() >= bodySize) {
                            // The whole body is here: describe it where it lies.
                            int position = in.position();
                            view.setView(in.array(), in.arrayOffset() + position, bodySize, frameFlags(wireFlags));
                            in.position(position + bodySize);
                            state = READING_FLAGS;
                            return true;
                        }
                        body = bodySize <= SCRATCH_SIZE ? scratch() : new byte[initialCapacity(in.remaining())];
                    }
                    int count = Math.min(in.remaining(), bodySize - bodyPosition);
                    ensureCapacity(bodyPosition + count);
                    in.get(body, bodyPosition, count);
                    bodyPosition += count;
                    if (bodyPosition < bodySize) {
                        return false;
                    }
                    if (body == scratch) {
                        view.setView(scratch, 0, bodySize, frameFlags(wireFlags));
                    } else {
                        view.setOwned(body, frameFlags(wireFlags));
                    }
                    body = null;
                    state = READING_FLAGS;
                    return true;
                default:
                    throw new ProtocolException(failure);
            }
        }
    }

    /**
     * The common case made cheap: a frame lying whole in a heap buffer is described in one step, without the state
     * machine. Returns false (consuming nothing) when it is not all there or must be refused, which the state
     * machine then does with the right error.
     */
    private boolean decodeWholeFrameInPlace(ByteBuffer in, Frame view) {
        int remaining = in.remaining();
        if (remaining < 2) {
            return false;
        }
        byte[] bytes = in.array();
        int start = in.arrayOffset() + in.position();
        int flags = bytes[start] & 0xFF;
        int headerLength;
        long announced;
        if ((flags & WIRE_LONG) == 0) {
            headerLength = 2;
            announced = bytes[start + 1] & 0xFF;
        } else {
            headerLength = 9;
            if (remaining < headerLength) {
                return false;
            }
            announced = 0;
            for (int i = 1; i < 9; i++) {
                announced = (announced << 8) | (bytes[start + i] & 0xFF);
            }
        }
        if (announced < 0 || announced > remaining - headerLength || (limit >= 0 && announced > limit)) {
            // Not all here, or to be refused: the state machine deals with it.
            return false;
        }
        int bodyLength = (int) announced;
        view.setView(bytes, start + headerLength, bodyLength, frameFlags(flags));
        in.position(in.position() + headerLength + bodyLength);
        return true;
    }

    /**
     * When the decoder is filling the array of its own that a large frame gets, the part of it still missing, so
     * that the caller can read into it directly instead of through its input buffer; null otherwise. Report what
     * was stored there with {@link #bodyFilled(int)}.
     */
    public ByteBuffer largeBodyWindow() {
        if (state != READING_BODY || body == null || body == scratch) {
            return null;
        }
        if (bodyPosition == body.length) {
            ensureCapacity(bodyPosition + 1);
        }
        return ByteBuffer.wrap(body, bodyPosition, body.length - bodyPosition);
    }

    /*
     * A large body's array grows with the bytes that arrive, never to the announced size at once: a peer that
     * announces 2 GB and sends 4 KB holds 64 KiB of our heap (about what the kernel already buffers per
     * connection), not 2 GB. The first chunk is that large, and each growth quadruples, because every growth copies:
     * with doubling from 16 KiB, 64 KiB messages lost a quarter of their throughput. What is held stays within four
     * times what was received.
     */
    private byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[SCRATCH_SIZE];
        }
        return scratch;
    }

    private int initialCapacity(int available) {
        return (int) Math.min(bodySize, Math.max(FIRST_BODY_CHUNK, available));
    }

    private void ensureCapacity(int needed) {
        if (needed > body.length) {
            long grown = Math.max(needed, 4L * body.length);
            body = Arrays.copyOf(body, (int) Math.min(bodySize, grown));
        }
    }

    /** {@code count} bytes were stored into the {@link #largeBodyWindow()}. */
    public void bodyFilled(int count) {
        bodyPosition += count;
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
        if (limit >= 0 && announced > limit) {
            boolean handshakeBound = handshaking && limit == MAX_HANDSHAKE_FRAME;
            fail(
                    handshakeBound
                            ? "handshake frame of " + announced + " bytes exceeds the bound of " + MAX_HANDSHAKE_FRAME
                                    + " bytes on handshake commands"
                            : "frame of " + announced + " bytes exceeds maxMsgSize " + maxMsgSize);
        }
        bodySize = (int) announced;
        body = null;
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
