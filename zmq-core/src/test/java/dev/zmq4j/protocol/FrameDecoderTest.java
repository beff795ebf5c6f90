package dev.zmq4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.zmq4j.msg.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final int NO_LIMIT = -1;

    /** Expected frames, written as "flags:hex" so that lists compare by content. */
    private final List<String> expected = new ArrayList<>();

    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

    @Test
    void shouldDecodeTheSameFramesWhateverTheSplitPoint() throws ProtocolException {
        byte[] wire = sampleStream();

        assertThat(decodeAll(wire, new int[0])).isEqualTo(expected);
        for (int split = 0; split <= wire.length; split++) {
            assertThat(decodeAll(wire, new int[] {split}))
                    .as("split at %d", split)
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldDecodeTheSameFramesFedByteByByte() throws ProtocolException {
        byte[] wire = sampleStream();
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);
        List<String> frames = new ArrayList<>();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (byte b : wire) {
            one.clear();
            one.put(b).flip();
            Frame frame;
            while ((frame = decoder.decode(one)) != null) {
                frames.add(describe(frame));
            }
            assertThat(one.hasRemaining()).isFalse();
        }
        assertThat(frames).isEqualTo(expected);
        assertThat(decoder.isMidFrame()).isFalse();
    }

    @Test
    void shouldDecodeTheSameFramesInRandomChunks() throws ProtocolException {
        byte[] wire = sampleStream();
        Random random = new Random(20240501L);
        for (int round = 0; round < 500; round++) {
            int[] splits = random.ints(1 + random.nextInt(6), 0, wire.length + 1)
                    .sorted()
                    .toArray();
            assertThat(decodeAll(wire, splits)).isEqualTo(expected);
        }
    }

    @Test
    void shouldStopRightAfterAFrameAndLeaveTheRestInTheBuffer() throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {0x01, 0x01, 'a', 0x00, 0x00, 0x00, 0x01, 'b'});
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);

        Frame first = decoder.decode(in);
        assertThat(first.data()).containsExactly('a');
        assertThat(first.flags()).isEqualTo(Frame.MORE);
        assertThat(in.position()).isEqualTo(3);

        assertThat(decoder.decode(in).data()).isEmpty();
        assertThat(describe(decoder.decode(in))).isEqualTo("0:62");
        assertThat(decoder.decode(in)).isNull();
    }

    @Test
    void shouldAcceptLongFormForSmallSizes() throws ProtocolException {
        byte[] wire = {0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);
        ByteBuffer in = ByteBuffer.wrap(wire);

        Frame empty = decoder.decode(in);
        Frame hello = decoder.decode(in);

        assertThat(empty.data()).isEmpty();
        assertThat(empty.flags()).isZero();
        assertThat(hello.data()).containsExactly('h', 'e', 'l', 'l', 'o');
        assertThat(hello.flags()).isEqualTo(Frame.MORE);
    }

    @Test
    void shouldMapWireFlagsToFrameFlagsAndIgnoreReservedBits() throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {0x04, 0, 0x05, 0, (byte) 0xF8, 0});
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);

        assertThat(decoder.decode(in).flags()).isEqualTo(Frame.COMMAND);
        assertThat(decoder.decode(in).flags()).isEqualTo(Frame.COMMAND | Frame.MORE);
        assertThat(decoder.decode(in).flags()).isZero();
    }

    @Test
    void shouldRejectAFrameAbove2To31WithoutLimitBeforeAnyBodyArrives() {
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);
        ByteBuffer header = ByteBuffer.wrap(longHeader(0, 1L << 62));

        assertThatThrownBy(() -> decoder.decode(header))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(String.valueOf(1L << 62));
        assertThat(header.hasRemaining()).isFalse();
    }

    @Test
    void shouldHoldOnlyAboutWhatArrivedOfAHugeAnnouncedFrame() throws ProtocolException {
        FrameDecoder decoder = afterHandshake(NO_LIMIT);
        ByteBuffer in = ByteBuffer.allocate(9 + 4096)
                .put(longHeader(0, 1L << 30))
                .put(bytes(4096, 1))
                .flip();

        assertThat(decoder.decode(in)).isNull();
        ByteBuffer window = decoder.largeBodyWindow();
        assertThat(window.array().length)
                .as("bytes held after 4 KiB of a frame announced as 1 GiB")
                .isLessThanOrEqualTo(FrameDecoder.FIRST_BODY_CHUNK);
    }

    @Test
    void shouldAssembleALargeFrameReadStraightIntoItsGrowingWindow() throws ProtocolException {
        int size = 3 * 1024 * 1024 + 17;
        byte[] body = bytes(size, 7);
        FrameDecoder decoder = afterHandshake(NO_LIMIT);
        ByteBuffer first = ByteBuffer.allocate(9 + 1000)
                .put(longHeader(0x01, size))
                .put(body, 0, 1000)
                .flip();
        assertThat(decoder.decode(first)).isNull();

        int position = 1000;
        while (position < size) {
            ByteBuffer window = decoder.largeBodyWindow();
            // as a socket read would: at most what the window takes, here at most 100,000 bytes at a time
            int count = Math.min(Math.min(window.remaining(), 100_000), size - position);
            window.put(body, position, count);
            decoder.bodyFilled(count);
            position += count;
        }
        Frame frame = decoder.decode(ByteBuffer.allocate(0));
        assertThat(frame.hasMore()).isTrue();
        assertThat(frame.data()).isEqualTo(body);
    }

    @Test
    void shouldBoundFramesDuringTheHandshakeWhateverMaxMsgSizeAllows() throws ProtocolException {
        for (long maxMsgSize : new long[] {NO_LIMIT, 1 << 20}) {
            FrameDecoder decoder = new FrameDecoder(maxMsgSize);
            // a READY announced at 200 MiB: refused on its header, before any body is held
            ByteBuffer header = ByteBuffer.wrap(longHeader(0x04, 200L << 20));
            assertThatThrownBy(() -> decoder.decode(header))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("handshake");

            FrameDecoder atTheBound = new FrameDecoder(maxMsgSize);
            ByteBuffer largest = ByteBuffer.allocate(9 + FrameDecoder.MAX_HANDSHAKE_FRAME)
                    .put(longHeader(0x04, FrameDecoder.MAX_HANDSHAKE_FRAME))
                    .put(new byte[FrameDecoder.MAX_HANDSHAKE_FRAME])
                    .flip();
            assertThat(atTheBound.decode(largest).size()).isEqualTo(FrameDecoder.MAX_HANDSHAKE_FRAME);
        }
    }

    @Test
    void shouldKeepMaxMsgSizeDuringTheHandshakeWhenItIsTheSmallerBound() {
        FrameDecoder decoder = new FrameDecoder(100);

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0x04, 101})))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("maxMsgSize 100");
    }

    @Test
    void shouldTakeFramesUpToMaxMsgSizeOnceTheHandshakeIsDone() throws ProtocolException {
        FrameDecoder decoder = afterHandshake(1 << 20);
        ByteBuffer in = ByteBuffer.allocate(9 + (1 << 20))
                .put(longHeader(0, 1 << 20))
                .put(new byte[1 << 20])
                .flip();

        assertThat(decoder.decode(in).size()).isEqualTo(1 << 20);
    }

    @Test
    void shouldRejectASizeJustAboveTheArrayLimit() {
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(longHeader(0, FrameDecoder.MAX_FRAME_SIZE + 1))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldRejectASizeWithTheTopBitSet() {
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(longHeader(0, -1L))))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("18446744073709551615");
    }

    @Test
    void shouldRejectAFrameAboveMaxMsgSizeAsSoonAsItsSizeIsKnown() {
        FrameDecoder shortForm = new FrameDecoder(100);
        FrameDecoder longForm = new FrameDecoder(1000);

        assertThatThrownBy(() -> shortForm.decode(ByteBuffer.wrap(new byte[] {0, 101})))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("maxMsgSize 100");
        assertThatThrownBy(() -> longForm.decode(ByteBuffer.wrap(longHeader(0, 1001))))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("maxMsgSize 1000");
    }

    @Test
    void shouldAcceptAFrameOfExactlyMaxMsgSize() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(1000);
        ByteBuffer in = ByteBuffer.allocate(9 + 1000)
                .put(longHeader(0, 1000))
                .put(new byte[1000])
                .flip();

        assertThat(decoder.decode(in).size()).isEqualTo(1000);
    }

    @Test
    void shouldAcceptOnlyEmptyFramesWithMaxMsgSizeZero() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(0);

        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {0, 0})).data()).isEmpty();
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0, 1, 'x'})))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldStayFailedAfterAProtocolError() {
        FrameDecoder decoder = new FrameDecoder(10);

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0, 11})))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0, 1, 'x'})))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("maxMsgSize 10");
    }

    @Test
    void shouldReportAPartialFrame() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);

        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {0, 3, 'a'}))).isNull();
        assertThat(decoder.isMidFrame()).isTrue();
        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {'b', 'c'})).data())
                .containsExactly('a', 'b', 'c');
        assertThat(decoder.isMidFrame()).isFalse();
    }

    @Test
    void shouldNeverThrowAnythingButProtocolExceptionOnGarbage() {
        Random random = new Random(0x5EED);
        int protocolErrors = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer in = ByteBuffer.wrap(garbage);
            try {
                while (in.hasRemaining()) {
                    int chunk = Math.min(in.remaining(), 1 + random.nextInt(16));
                    ByteBuffer slice = in.slice().limit(chunk);
                    while (decoder.decode(slice) != null) {
                        // keep draining: several frames may sit in one chunk
                    }
                    assertThat(slice.hasRemaining()).isFalse();
                    in.position(in.position() + chunk);
                }
            } catch (ProtocolException expectedForGarbage) {
                protocolErrors++;
            } catch (RuntimeException | Error unexpected) {
                fail("round " + round + " threw " + unexpected + " for "
                        + HexFormat.of().formatHex(garbage));
            }
        }
        assertThat(protocolErrors).isPositive();
    }

    /** Empty, short, 255, 256, long form for small sizes, a long body, a command and a multipart message. */
    private byte[] sampleStream() {
        frame(0x00, new byte[0]);
        frame(0x00, bytes(10, 1));
        frame(0x01, bytes(255, 2));
        frame(0x00, bytes(256, 3));
        longFrame(0x00, new byte[0]);
        longFrame(0x01, bytes(5, 4));
        frame(0x04, new byte[] {5, 'R', 'E', 'A', 'D', 'Y'});
        frame(0x01, bytes(1, 5));
        frame(0x01, new byte[0]);
        frame(0x00, bytes(700, 6));
        frame(0x04, new byte[] {4, 'P', 'I', 'N', 'G', 0, 10});
        return stream.toByteArray();
    }

    private void frame(int wireFlags, byte[] body) {
        if (body.length > 255) {
            longFrame(wireFlags, body);
            return;
        }
        stream.write(wireFlags);
        stream.write(body.length);
        stream.writeBytes(body);
        expect(wireFlags, body);
    }

    private void longFrame(int wireFlags, byte[] body) {
        stream.writeBytes(longHeader(wireFlags, body.length));
        stream.writeBytes(body);
        expect(wireFlags, body);
    }

    private void expect(int wireFlags, byte[] body) {
        int flags = ((wireFlags & 1) != 0 ? Frame.MORE : 0) | ((wireFlags & 4) != 0 ? Frame.COMMAND : 0);
        expected.add(flags + ":" + HexFormat.of().formatHex(body));
    }

    static byte[] longHeader(int wireFlags, long size) {
        return ByteBuffer.allocate(9)
                .put((byte) (wireFlags | 0x02))
                .putLong(size)
                .array();
    }

    static byte[] bytes(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    static String describe(Frame frame) {
        return frame.flags() + ":" + HexFormat.of().formatHex(frame.data());
    }

    /** Feeds {@code wire} to a fresh decoder in chunks cut at the given (sorted) offsets. */
    private static List<String> decodeAll(byte[] wire, int[] splits) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(NO_LIMIT);
        List<String> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= splits.length; i++) {
            int end = i < splits.length ? splits[i] : wire.length;
            ByteBuffer chunk = ByteBuffer.wrap(wire, start, end - start);
            Frame frame;
            while ((frame = decoder.decode(chunk)) != null) {
                frames.add(describe(frame));
            }
            assertThat(chunk.hasRemaining()).isFalse();
            start = end;
        }
        assertThat(decoder.isMidFrame()).isFalse();
        return frames;
    }

    private static FrameDecoder afterHandshake(long maxMsgSize) {
        FrameDecoder decoder = new FrameDecoder(maxMsgSize);
        decoder.handshakeDone();
        return decoder;
    }
}
