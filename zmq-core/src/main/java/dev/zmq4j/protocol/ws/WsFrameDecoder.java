package dev.zmq4j.protocol.ws;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns the WebSocket byte stream of a ZWS 2.0 connection (45/ZWS, over RFC 6455 framing) into ZMTP {@link Frame}s
 * and control frames, resuming wherever the previous buffer ended.
 *
 * <pre>
 *  +-+-+-+-+-------+-+-------------+-------------------------------+-----------------+-----------------------+
 *  |F|R|R|R| opcode|M| length 0-125| 126: 16-bit / 127: 64-bit     | mask key (if M) | payload               |
 *  |I|S|S|S|  (4)  |A|     (7)     | extended length, big-endian   |    4 octets     | flags | frame body    |
 *  |N|V|V|V|       |S|             |                               |                 |                       |
 *  +-+-+-+-+-------+-+-------------+-------------------------------+-----------------+-----------------------+
 *  binary payload: the ZMTP frame's flags byte (0x01 MORE, 0x02 COMMAND), then its body
 * </pre>
 *
 * <p>What libzmq's ws decoder refuses is refused here too: a fragmented message (FIN clear, or a continuation frame),
 * a text frame, any opcode but binary, close, ping and pong; and, as RFC 6455 requires, reserved bits set (no
 * extension is ever negotiated), a control frame over 125 bytes, an unmasked frame from a client or a masked one from
 * a server, an empty binary message (it has no flags byte). Bodies are bounded as {@link FrameDecoder} bounds them
 * (a small fixed bound until the handshake is done, then maxMsgSize), checked before anything is allocated, and a
 * large body's array grows as its bytes arrive.
 *
 * <p>After a {@link ProtocolException} the decoder stays failed: every later call throws again.
 *
 * <p>Not thread-safe: one decoder per connection, used only on that connection's I/O thread.
 */
public final class WsFrameDecoder {
    /** What {@link #decode} found. */
    public enum Result {
        /** The input ran out before a frame was complete. */
        NEED_MORE,
        /** A binary message: a ZMTP frame, described in the view. */
        FRAME,
        /** A ping: answer with a pong carrying {@link #controlPayload()}. */
        PING,
        /** A pong: the peer is alive. */
        PONG,
        /** A close frame: the peer is leaving. */
        CLOSE
    }

    static final int FIN = 0x80;
    static final int RESERVED = 0x70;
    static final int MASKED = 0x80;
    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xA;
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** The ZMTP flags carried in a binary message's first byte. */
    static final int ZWS_MORE = 0x01;

    static final int ZWS_COMMAND = 0x02;

    private static final int READING_HEADER = 0;
    private static final int READING_LENGTH = 1;
    private static final int READING_MASK = 2;
    private static final int READING_PAYLOAD = 3;
    private static final int FAILED = 4;

    private final boolean fromClient;
    private final long maxMsgSize;
    private long limit;
    private boolean handshaking = true;

    private int state = READING_HEADER;
    private final byte[] header = new byte[14];
    private int headerRead;
    private int opcode;
    private boolean masked;
    private int lengthOctets;
    private long payloadLength;
    private final byte[] mask = new byte[4];
    /** Bytes of the current payload taken so far, the flags byte included: the mask index. */
    private long payloadRead;

    private int zmtpFlags;

    private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
    private int controlLength;
    /** Where a frame body arriving in pieces is assembled: the scratch array, or an array of its own when large. */
    private byte[] body;

    private int bodySize;
    private int bodyPosition;
    private byte[] scratch;
    private String failure;

    /**
     * @param fromClient whether the peer is the WebSocket client (we are the server): its frames must be masked, and
     *     a server's must not be
     * @param maxMsgSize largest accepted body in bytes once the handshake is done; negative means no limit
     */
    public WsFrameDecoder(boolean fromClient, long maxMsgSize) {
        this.fromClient = fromClient;
        this.maxMsgSize = maxMsgSize;
        this.limit = maxMsgSize >= 0
                ? Math.min(maxMsgSize, FrameDecoder.MAX_HANDSHAKE_FRAME)
                : FrameDecoder.MAX_HANDSHAKE_FRAME;
    }

    /** The ZMTP handshake has succeeded: from now on bodies up to maxMsgSize are accepted. */
    public void handshakeDone() {
        handshaking = false;
        limit = maxMsgSize;
    }

    /** The payload of the last PING (or PONG, or CLOSE) frame decoded; valid until the next call. */
    public ByteBuffer controlPayload() {
        return ByteBuffer.wrap(control, 0, controlLength);
    }

    /**
     * Consumes bytes from {@code in} (a masked payload is unmasked where it lies, so a heap buffer's bytes change)
     * until one frame is complete, and says which. A binary message is described in {@code view}: in {@code in}'s
     * array when it lay there whole (valid until {@code in} is modified), in a reused scratch array when it was
     * small and came in pieces (valid until the next call), or in an array of its own.
     */
    public Result decode(ByteBuffer in, Frame view) throws ProtocolException {
        while (true) {
            switch (state) {
                case READING_HEADER:
                    if (!readHeader(in, 2)) {
                        return Result.NEED_MORE;
                    }
                    startFrame();
                    break;
                case READING_LENGTH:
                    if (!readHeader(in, 2 + lengthOctets)) {
                        return Result.NEED_MORE;
                    }
                    long length = 0;
                    for (int i = 2; i < 2 + lengthOctets; i++) {
                        length = (length << 8) | (header[i] & 0xFF);
                    }
                    if (length < 0) {
                        fail("a WebSocket frame length with its top bit set");
                    }
                    payloadLength = length;
                    afterLength();
                    break;
                case READING_MASK:
                    int at = 2 + lengthOctets;
                    if (!readHeader(in, at + 4)) {
                        return Result.NEED_MORE;
                    }
                    System.arraycopy(header, at, mask, 0, 4);
                    startPayload();
                    break;
                case READING_PAYLOAD:
                    Result result = readPayload(in, view);
                    if (result != Result.NEED_MORE) {
                        state = READING_HEADER;
                        headerRead = 0;
                        return result;
                    }
                    return Result.NEED_MORE;
                default:
                    throw new ProtocolException(failure);
            }
        }
    }

    private boolean readHeader(ByteBuffer in, int wanted) {
        int count = Math.min(in.remaining(), wanted - headerRead);
        in.get(header, headerRead, count);
        headerRead += count;
        return headerRead == wanted;
    }

    private void startFrame() throws ProtocolException {
        int first = header[0] & 0xFF;
        int second = header[1] & 0xFF;
        opcode = first & 0x0F;
        if ((first & RESERVED) != 0) {
            fail("a WebSocket frame with reserved bits set (no extension was negotiated)");
        }
        if (opcode == OPCODE_TEXT) {
            fail("a WebSocket text frame: ZWS 2.0 carries binary frames only");
        }
        if (opcode == OPCODE_CONTINUATION || (first & FIN) == 0) {
            fail("a fragmented WebSocket message: ZWS 2.0 peers send every message in one frame");
        }
        if (opcode != OPCODE_BINARY && opcode != OPCODE_CLOSE && opcode != OPCODE_PING && opcode != OPCODE_PONG) {
            fail("a WebSocket frame with unknown opcode " + opcode);
        }
        masked = (second & MASKED) != 0;
        if (masked != fromClient) {
            fail(fromClient ? "an unmasked WebSocket frame from a client" : "a masked WebSocket frame from a server");
        }
        int length = second & 0x7F;
        if (length == 126 || length == 127) {
            lengthOctets = length == 126 ? 2 : 8;
            state = READING_LENGTH;
            return;
        }
        lengthOctets = 0;
        payloadLength = length;
        afterLength();
    }

    /** Checks the payload length, before anything is allocated. */
    private void afterLength() throws ProtocolException {
        if (opcode != OPCODE_BINARY) {
            if (payloadLength > MAX_CONTROL_PAYLOAD) {
                fail("a WebSocket control frame of " + payloadLength + " bytes (at most 125)");
            }
        } else if (payloadLength == 0) {
            fail("an empty WebSocket binary frame: a ZWS 2.0 message starts with a flags byte");
        } else {
            long announced = payloadLength - 1;
            if (announced > FrameDecoder.MAX_FRAME_SIZE) {
                fail("a frame of " + announced + " bytes exceeds the largest supported frame of "
                        + FrameDecoder.MAX_FRAME_SIZE + " bytes");
            }
            if (limit >= 0 && announced > limit) {
                fail(
                        handshaking && limit == FrameDecoder.MAX_HANDSHAKE_FRAME
                                ? "a handshake frame of " + announced + " bytes exceeds the bound of "
                                        + FrameDecoder.MAX_HANDSHAKE_FRAME + " bytes on handshake commands"
                                : "a frame of " + announced + " bytes exceeds maxMsgSize " + maxMsgSize);
            }
            bodySize = (int) announced;
        }
        if (masked) {
            state = READING_MASK;
        } else {
            startPayload();
        }
    }

    private void startPayload() {
        payloadRead = 0;
        controlLength = 0;
        body = null;
        bodyPosition = 0;
        state = READING_PAYLOAD;
    }

    private Result readPayload(ByteBuffer in, Frame view) {
        if (opcode != OPCODE_BINARY) {
            int count = (int) Math.min(in.remaining(), payloadLength - controlLength);
            in.get(control, controlLength, count);
            unmask(control, controlLength, count);
            controlLength += count;
            if (controlLength < payloadLength) {
                return Result.NEED_MORE;
            }
            return opcode == OPCODE_PING ? Result.PING : opcode == OPCODE_PONG ? Result.PONG : Result.CLOSE;
        }
        if (payloadRead == 0) {
            if (!in.hasRemaining()) {
                return Result.NEED_MORE;
            }
            byte flags = in.get();
            zmtpFlags = frameFlags((flags ^ (masked ? mask[0] : 0)) & 0xFF);
            payloadRead = 1;
        }
        if (body == null && bodyPosition == 0 && in.hasArray() && in.remaining() >= bodySize) {
            // The whole body is here: unmask and describe it where it lies.
            byte[] array = in.array();
            int start = in.arrayOffset() + in.position();
            unmask(array, start, bodySize);
            view.setView(array, start, bodySize, zmtpFlags);
            in.position(in.position() + bodySize);
            return Result.FRAME;
        }
        if (body == null) {
            body = bodySize <= FrameDecoder.SCRATCH_SIZE
                    ? scratch()
                    : new byte[(int) Math.min(bodySize, Math.max(FrameDecoder.FIRST_BODY_CHUNK, in.remaining()))];
        }
        int count = Math.min(in.remaining(), bodySize - bodyPosition);
        if (bodyPosition + count > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(bodySize, Math.max(bodyPosition + count, 4L * body.length)));
        }
        in.get(body, bodyPosition, count);
        unmask(body, bodyPosition, count);
        bodyPosition += count;
        if (bodyPosition < bodySize) {
            return Result.NEED_MORE;
        }
        if (body == scratch) {
            view.setView(scratch, 0, bodySize, zmtpFlags);
        } else {
            view.setOwned(body, zmtpFlags);
        }
        body = null;
        return Result.FRAME;
    }

    /** Unmasks {@code count} payload bytes at {@code bytes[offset]}, the next ones of the current payload. */
    private void unmask(byte[] bytes, int offset, int count) {
        if (masked) {
            WsMask.apply(mask, payloadRead, bytes, offset, bytes, offset, count);
        }
        payloadRead += count;
    }

    private byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[FrameDecoder.SCRATCH_SIZE];
        }
        return scratch;
    }

    private static int frameFlags(int zws) {
        int flags = 0;
        if ((zws & ZWS_MORE) != 0) {
            flags |= Frame.MORE;
        }
        if ((zws & ZWS_COMMAND) != 0) {
            flags |= Frame.COMMAND;
        }
        return flags;
    }

    private void fail(String reason) throws ProtocolException {
        state = FAILED;
        failure = reason;
        body = null;
        throw new ProtocolException(reason);
    }

    @Override
    public String toString() {
        return "WsFrameDecoder[state=" + state + ", from " + (fromClient ? "client" : "server") + "]";
    }
}
