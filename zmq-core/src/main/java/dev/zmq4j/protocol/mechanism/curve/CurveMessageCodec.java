package dev.zmq4j.protocol.mechanism.curve;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The MESSAGE boxes of one CURVE connection once the handshake is done (26/CURVEZMQ "MESSAGE"), framed as libzmq
 * frames them: each frame, data or command, travels as one outer ZMTP message frame whose body is the MESSAGE
 * command; the box holds a flags byte (0x01 MORE, 0x02 COMMAND, libzmq's extension that lets PING, PONG and 37/ZMTP
 * SUBSCRIBE and CANCEL travel encrypted) and the frame's bytes.
 *
 * <pre>
 *  +------+---------+----------------+-------------------+-------+-----------------+
 *  | 0x07 | MESSAGE | short nonce 8B | Poly1305 tag 16B  | flags | frame bytes ... |
 *  +------+---------+----------------+-------------------+-------+-----------------+
 *                                    |<---- box under the precomputed shared key ---->|
 *  full nonce = "CurveZMQMESSAGEC" (from the client) or "CurveZMQMESSAGES" (from the server) + short nonce
 * </pre>
 *
 * <p>Each direction has one 64-bit short nonce, shared with the handshake commands that side sends (HELLO and
 * INITIATE, or READY), so it starts at 1 and only grows; a box whose nonce is not above the last one received is a
 * replay or a reordering and ends the connection, as does one that does not open.
 *
 * <p>Buffers are reused: {@link #encode} and {@link #decode} return views valid until their next call, and allocate
 * nothing for frames up to {@value #REUSED_LIMIT} bytes. Not thread-safe: one per connection, on its engine's I/O
 * thread.
 */
final class CurveMessageCodec {
    static final byte[] MESSAGE = "\u0007MESSAGE".getBytes(StandardCharsets.US_ASCII);
    static final int SHORT_NONCE = 8;
    private static final int HEADER = MESSAGE.length + SHORT_NONCE;
    private static final int FLAGS_MASK = Frame.MORE | Frame.COMMAND;
    /** Frames larger than this get buffers of their own, so one large message does not pin memory for ever. */
    static final int REUSED_LIMIT = 64 * 1024;

    private final CryptoBox box = new CryptoBox();
    /*
     * Every nonce of one direction begins with that direction's 16-byte prefix, so XSalsa20's first step (HSalsa20
     * of the shared key and the prefix) gives the same subkey for every message: made once here, a Salsa20 block
     * saved per message. The short nonce goes in the tail, the nonce's last 8 bytes.
     */
    private final byte[] encodeSubkey = new byte[CryptoBox.KEY_BYTES];
    private final byte[] decodeSubkey = new byte[CryptoBox.KEY_BYTES];
    private final byte[] encodeNonceTail = new byte[SHORT_NONCE];
    private final byte[] decodeNonceTail = new byte[SHORT_NONCE];
    private final Frame encoded = new Frame();
    private final Frame decoded = new Frame();
    private byte[] plainOut = new byte[256];
    private byte[] boxOut = new byte[256];
    private byte[] plainIn = new byte[256];
    private long nextNonce;
    private long lastPeerNonce;

    /**
     * @param sharedKey the precomputed key of the two short-term key pairs (wiped here, once the subkeys are made)
     * @param encodePrefix the 16-byte prefix of our nonces; decodePrefix, the peer's
     * @param nextNonce the short nonce of our first MESSAGE
     * @param lastPeerNonce the short nonce of the peer's last handshake command
     */
    CurveMessageCodec(byte[] sharedKey, String encodePrefix, String decodePrefix, long nextNonce, long lastPeerNonce) {
        box.subkey(sharedKey, encodePrefix.getBytes(StandardCharsets.US_ASCII), 0, encodeSubkey);
        box.subkey(sharedKey, decodePrefix.getBytes(StandardCharsets.US_ASCII), 0, decodeSubkey);
        CryptoBox.wipe(sharedKey);
        this.nextNonce = nextNonce;
        this.lastPeerNonce = lastPeerNonce;
    }

    /** The MESSAGE command carrying {@code frame}; a view valid until the next call. */
    Frame encode(Frame frame) {
        int length = frame.size();
        int plainLength = 1 + length;
        byte[] plain = plainOut.length >= plainLength ? plainOut : grow(plainLength, true);
        plain[0] = (byte) (frame.flags() & FLAGS_MASK);
        System.arraycopy(frame.array(), frame.offset(), plain, 1, length);
        int total = HEADER + CryptoBox.TAG_BYTES + plainLength;
        byte[] out = boxOut.length >= total ? boxOut : grow(total, false);
        System.arraycopy(MESSAGE, 0, out, 0, MESSAGE.length);
        long nonce = nextNonce++;
        putLong(out, MESSAGE.length, nonce);
        putLong(encodeNonceTail, 0, nonce);
        box.sealUnderSubkey(encodeSubkey, encodeNonceTail, 0, plain, 0, plainLength, out, HEADER);
        // An outer message frame with no flags, as libzmq sends it; the inner flags say MORE and COMMAND.
        return encoded.setView(out, 0, total, 0);
    }

    private byte[] grow(int length, boolean plain) {
        if (length > REUSED_LIMIT) {
            return new byte[length];
        }
        byte[] grown = new byte[Math.min(REUSED_LIMIT, Math.max(length, 2 * (plain ? plainOut : boxOut).length))];
        if (plain) {
            plainOut = grown;
        } else {
            boxOut = grown;
        }
        return grown;
    }

    /**
     * The frame a MESSAGE command carries, with its flags; a view valid until the next call.
     *
     * @throws ProtocolException for anything but a well-formed MESSAGE with a fresh nonce that opens (with libzmq's
     *     monitor code: UNEXPECTED_COMMAND, MALFORMED_COMMAND_MESSAGE, INVALID_SEQUENCE, CRYPTOGRAPHIC)
     */
    Frame decode(Frame frame) throws ProtocolException {
        byte[] data = frame.array();
        int offset = frame.offset();
        int size = frame.size();
        if (size < MESSAGE.length
                || !Arrays.equals(data, offset, offset + MESSAGE.length, MESSAGE, 0, MESSAGE.length)) {
            throw new ProtocolException(
                    "expected a CURVE MESSAGE, received something else",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        }
        if (size < HEADER + CryptoBox.TAG_BYTES + 1) {
            throw new ProtocolException(
                    "a CURVE MESSAGE of " + size + " bytes is too short",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE);
        }
        long nonce = getLong(data, offset + MESSAGE.length);
        if (Long.compareUnsigned(nonce, lastPeerNonce) <= 0) {
            throw new ProtocolException(
                    "a CURVE MESSAGE with nonce " + Long.toUnsignedString(nonce) + " after "
                            + Long.toUnsignedString(lastPeerNonce) + ": replayed or reordered",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE);
        }
        int boxLength = size - HEADER;
        int plainLength = boxLength - CryptoBox.TAG_BYTES;
        byte[] plain = plainIn.length >= plainLength ? plainIn : growIn(plainLength);
        putLong(decodeNonceTail, 0, nonce);
        if (!box.openUnderSubkey(decodeSubkey, decodeNonceTail, 0, data, offset + HEADER, boxLength, plain, 0)) {
            throw new ProtocolException(
                    "a CURVE MESSAGE that does not open: forged or corrupted",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
        }
        lastPeerNonce = nonce;
        return decoded.setView(plain, 1, plainLength - 1, plain[0] & FLAGS_MASK);
    }

    private byte[] growIn(int length) {
        if (length > REUSED_LIMIT) {
            return new byte[length];
        }
        plainIn = new byte[Math.min(REUSED_LIMIT, Math.max(length, 2 * plainIn.length))];
        return plainIn;
    }

    /** The connection is gone: wipe the key and what passed through the buffers. */
    void destroy() {
        CryptoBox.wipe(encodeSubkey, decodeSubkey, plainOut, plainIn, boxOut);
        box.destroy();
    }

    static void putLong(byte[] out, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    static long getLong(byte[] in, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[offset + i] & 0xFF);
        }
        return value;
    }
}
