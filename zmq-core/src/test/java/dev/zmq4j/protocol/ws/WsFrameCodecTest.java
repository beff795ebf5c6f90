package dev.zmq4j.protocol.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ZWS 2.0 framing, bytes in and bytes out, against libzmq's bytes and RFC 6455's rules. */
class WsFrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    /** libzmq 4.3.4's DEALER READY as its ws client sends it (WS-AND-DRAFT-REFERENCE, golden bytes), unmasked. */
    private static final byte[] LIBZMQ_READY_PAYLOAD = HEX.parseHex("0205524541445908".replace("08", "0b")
            + HEX.formatHex("Socket-Type".getBytes(StandardCharsets.US_ASCII))
            + "00000006" + HEX.formatHex("DEALER".getBytes(StandardCharsets.US_ASCII))
            + "08" + HEX.formatHex("Identity".getBytes(StandardCharsets.US_ASCII))
            + "00000000");

    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private static byte[] masked(byte[] payload, byte[] mask) {
        byte[] out = payload.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= mask[i & 3];
        }
        return out;
    }

    /** A whole frame as a client sends it: FIN + opcode, MASK + length, the mask key, the masked payload. */
    private static byte[] clientFrame(int first, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        writeLength(out, 0x80, payload.length);
        out.writeBytes(MASK);
        out.writeBytes(masked(payload, MASK));
        return out.toByteArray();
    }

    private static byte[] serverFrame(int first, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        writeLength(out, 0, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int maskBit, long length) {
        if (length < 126) {
            out.write((int) (maskBit | length));
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (length >>> (8 * i)));
            }
        }
    }

    /** Everything the encoder's pending frame becomes, written through a buffer of {@code room} bytes. */
    static byte[] encode(WsFrameEncoder encoder, int room) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(room);
        boolean done;
        do {
            buffer.clear();
            done = encoder.encode(buffer);
            out.write(buffer.array(), 0, buffer.position());
        } while (!done);
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in pieces of {@code piece} bytes; the frame's body, copied, or null if it is not a frame. */
    private static Frame decodeOne(WsFrameDecoder decoder, byte[] bytes, int piece) throws ProtocolException {
        Frame view = new Frame();
        for (int at = 0; at < bytes.length; at += piece) {
            ByteBuffer in = ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at))
                    .slice();
            WsFrameDecoder.Result result = decoder.decode(in, view);
            if (result == WsFrameDecoder.Result.FRAME) {
                assertThat(at + in.position())
                        .as("the frame ends where its bytes end")
                        .isEqualTo(bytes.length);
                return view.copy();
            }
            assertThat(result).isEqualTo(WsFrameDecoder.Result.NEED_MORE);
            assertThat(in.hasRemaining()).isFalse();
        }
        return null;
    }

    @Test
    void shouldDecodeLibzmqsMaskedReadyAndEncodeTheSamePayload() throws ProtocolException {
        assertThat(LIBZMQ_READY_PAYLOAD).hasSize(0x2a);
        byte[] wire = clientFrame(0x82, LIBZMQ_READY_PAYLOAD);
        assertThat(Arrays.copyOf(wire, 2)).isEqualTo(HEX.parseHex("82aa"));
        for (int piece : new int[] {1, 3, 7, wire.length}) {
            Frame ready = decodeOne(new WsFrameDecoder(true, -1), wire.clone(), piece);
            assertThat(ready.isCommand()).isTrue();
            assertThat(ready.hasMore()).isFalse();
            assertThat(Arrays.copyOfRange(ready.array(), ready.offset(), ready.offset() + ready.size()))
                    .isEqualTo(Arrays.copyOfRange(LIBZMQ_READY_PAYLOAD, 1, LIBZMQ_READY_PAYLOAD.length));
        }

        WsFrameEncoder encoder = new WsFrameEncoder(true);
        encoder.load(
                new Frame(Arrays.copyOfRange(LIBZMQ_READY_PAYLOAD, 1, LIBZMQ_READY_PAYLOAD.length), Frame.COMMAND));
        byte[] ours = encode(encoder, 5);
        assertThat(Arrays.copyOf(ours, 2)).isEqualTo(HEX.parseHex("82aa"));
        byte[] key = Arrays.copyOfRange(ours, 2, 6);
        assertThat(masked(Arrays.copyOfRange(ours, 6, ours.length), key)).isEqualTo(LIBZMQ_READY_PAYLOAD);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 124, 125, 126, 1000, 65_534, 65_535, 65_536, 300_000})
    void shouldRoundTripEveryLengthFormBothWays(int bodySize) throws ProtocolException {
        byte[] body = new byte[bodySize];
        new Random(bodySize).nextBytes(body);
        for (boolean client : new boolean[] {true, false}) {
            WsFrameEncoder encoder = new WsFrameEncoder(client);
            encoder.load(new Frame(body, Frame.MORE));
            byte[] wire = encode(encoder, 4096);
            long payload = 1L + bodySize;
            int lengthForm = wire[1] & 0x7F;
            assertThat(lengthForm).isEqualTo(payload < 126 ? (int) payload : payload <= 0xFFFF ? 126 : 127);
            assertThat(wire).hasSize((int)
                    (2 + (lengthForm == 126 ? 2 : lengthForm == 127 ? 8 : 0) + (client ? 4 : 0) + payload));
            for (int piece : new int[] {1, 1000, wire.length}) {
                if (piece == 1 && wire.length > 5000) {
                    continue;
                }
                WsFrameDecoder decoder = new WsFrameDecoder(client, -1);
                decoder.handshakeDone();
                // A copy: a masked payload lying whole in the buffer is unmasked where it lies.
                Frame decoded = decodeOne(decoder, wire.clone(), piece);
                assertThat(decoded).isNotNull();
                assertThat(decoded.hasMore()).isTrue();
                assertThat(decoded.isCommand()).isFalse();
                assertThat(Arrays.copyOfRange(decoded.array(), decoded.offset(), decoded.offset() + decoded.size()))
                        .as("%s, in pieces of %d bytes", client ? "masked" : "unmasked", piece)
                        .isEqualTo(body);
            }
        }
    }

    @Test
    void shouldHandControlFramesOverWithTheirPayload() throws ProtocolException {
        byte[] payload = "ttl".getBytes(StandardCharsets.US_ASCII);
        WsFrameEncoder encoder = new WsFrameEncoder(true);
        WsFrameDecoder decoder = new WsFrameDecoder(true, -1);
        for (int opcode : new int[] {0x9, 0xA, 0x8}) {
            encoder.loadControl(opcode, payload, 0, payload.length);
            ByteBuffer wire = ByteBuffer.wrap(encode(encoder, 64));
            assertThat(decoder.decode(wire, new Frame()))
                    .isEqualTo(
                            opcode == 0x9
                                    ? WsFrameDecoder.Result.PING
                                    : opcode == 0xA ? WsFrameDecoder.Result.PONG : WsFrameDecoder.Result.CLOSE);
            assertThat(decoder.controlPayload()).isEqualTo(ByteBuffer.wrap(payload));
        }
    }

    @Test
    void shouldDecodeSeveralFramesFromOneBuffer() throws ProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(serverFrame(0x82, new byte[] {1, 'a'}));
        out.writeBytes(serverFrame(0x89, new byte[0]));
        out.writeBytes(serverFrame(0x82, new byte[] {0, 'b', 'c'}));
        ByteBuffer in = ByteBuffer.wrap(out.toByteArray());
        WsFrameDecoder decoder = new WsFrameDecoder(false, -1);
        Frame view = new Frame();
        assertThat(decoder.decode(in, view)).isEqualTo(WsFrameDecoder.Result.FRAME);
        assertThat(view.hasMore()).isTrue();
        assertThat(decoder.decode(in, view)).isEqualTo(WsFrameDecoder.Result.PING);
        assertThat(decoder.decode(in, view)).isEqualTo(WsFrameDecoder.Result.FRAME);
        assertThat(new String(view.array(), view.offset(), view.size(), StandardCharsets.US_ASCII))
                .isEqualTo("bc");
        assertThat(decoder.decode(in, view)).isEqualTo(WsFrameDecoder.Result.NEED_MORE);
    }

    @Test
    void shouldRefuseWhatLibzmqAndRfc6455Refuse() {
        byte[] one = {0, 'x'};
        assertRefused(new WsFrameDecoder(true, -1), clientFrame(0x81, one), "text frame");
        assertRefused(new WsFrameDecoder(true, -1), clientFrame(0x02, one), "fragmented");
        assertRefused(new WsFrameDecoder(true, -1), clientFrame(0x80, one), "fragmented");
        assertRefused(new WsFrameDecoder(true, -1), clientFrame(0x83, one), "unknown opcode 3");
        assertRefused(new WsFrameDecoder(true, -1), clientFrame(0xC2, one), "reserved bits");
        assertRefused(new WsFrameDecoder(true, -1), serverFrame(0x82, one), "unmasked WebSocket frame from a client");
        assertRefused(new WsFrameDecoder(false, -1), clientFrame(0x82, one), "masked WebSocket frame from a server");
        assertRefused(new WsFrameDecoder(true, -1), clientFrame(0x89, new byte[126]), "control frame of 126 bytes");
        assertRefused(new WsFrameDecoder(true, -1), clientFrame(0x82, new byte[0]), "empty WebSocket binary frame");
        assertRefused(
                new WsFrameDecoder(true, -1),
                clientFrame(0x82, new byte[FrameDecoder.MAX_HANDSHAKE_FRAME + 2]),
                "bound of " + FrameDecoder.MAX_HANDSHAKE_FRAME);
        WsFrameDecoder limited = new WsFrameDecoder(true, 10);
        limited.handshakeDone();
        assertRefused(limited, clientFrame(0x82, new byte[12]), "exceeds maxMsgSize 10");
        byte[] topBit = HEX.parseHex("82ff8000000000000000" + "37fa213d");
        assertRefused(new WsFrameDecoder(true, -1), topBit, "top bit");
    }

    @Test
    void shouldRefuseAHugeAnnouncedFrameBeforeItsBytesArrive() throws ProtocolException {
        WsFrameDecoder decoder = new WsFrameDecoder(true, -1);
        decoder.handshakeDone();
        // 2 GiB announced, 4 bytes sent: nothing is reserved beyond the first chunk.
        byte[] header = HEX.parseHex("82ff000000007fffff00" + "37fa213d" + "00010203");
        assertThat(decoder.decode(ByteBuffer.wrap(header), new Frame())).isEqualTo(WsFrameDecoder.Result.NEED_MORE);
        assertRefused(new WsFrameDecoder(true, -1), HEX.parseHex("82ff0000000080000000" + "37fa213d"), "largest");
    }

    private static void assertRefused(WsFrameDecoder decoder, byte[] wire, String reason) {
        assertThatThrownBy(() -> decodeOne(decoder, wire, wire.length))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(reason);
        // Failed for good: the next call throws as well.
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {(byte) 0x82}), new Frame()))
                .isInstanceOf(ProtocolException.class);
    }
}
