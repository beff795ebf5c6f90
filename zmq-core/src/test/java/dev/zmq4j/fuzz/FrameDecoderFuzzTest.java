package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The ZMTP frame decoder alone, fed a byte stream the fuzzer writes in pieces it also chooses: heap buffers (with an
 * array offset), direct buffers, long runs of filler that let huge announced bodies actually arrive, and reads
 * straight into {@link FrameDecoder#largeBodyWindow()} as the engine does.
 *
 * <p>What must hold, whatever the bytes and the split:
 *
 * <ul>
 *   <li>only {@link ProtocolException} escapes, and after one every later call throws it again;
 *   <li>{@code decode} returns "no frame" only when it has used up its input;
 *   <li>no frame is larger than the bound in force: {@link FrameDecoder#MAX_HANDSHAKE_FRAME} (and maxMsgSize) before
 *       {@code handshakeDone()}, maxMsgSize after;
 *   <li>the decoder never holds more than four times the bytes it was given plus
 *       {@link FrameDecoder#FIRST_BODY_CHUNK} (issue 12 item 1: a peer announcing 2 GB must not cost 2 GB);
 *   <li>the frames, the failure and the mid-frame state are exactly those of the same bytes decoded from one heap
 *       buffer: how TCP happens to split a stream changes nothing.
 * </ul>
 */
class FrameDecoderFuzzTest {
    /** Filler bytes one input may add in all: enough to grow a body past two quadruplings of its first chunk. */
    private static final int MAX_FILLER = 1 << 20;

    @FuzzTest(maxDuration = "10m")
    void decodesAnySplitAsOneBuffer(FuzzedDataProvider data) {
        long maxMsgSize = data.consumeBoolean() ? -1 : data.consumeLong(0, MAX_FILLER);
        int handshakeAfter = data.consumeInt(-1, 3);
        Run split = new Run(maxMsgSize, handshakeAfter);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int filler = 0;
        while (data.remainingBytes() > 0 && !split.failed) {
            int operation = data.consumeInt(0, 3);
            boolean copying = data.consumeBoolean();
            if (operation == 0 || operation == 1) {
                byte[] chunk = data.consumeBytes(data.consumeInt(0, 600));
                stream.writeBytes(chunk);
                split.feed(operation == 0 ? heapWithOffset(chunk) : direct(chunk), copying);
            } else {
                // Mostly short runs, now and then one of up to 256 KiB: large ones are slow and rarely needed.
                int count = Math.min(data.consumeInt(1, 1 << data.consumeInt(4, 18)), MAX_FILLER - filler);
                byte value = data.consumeByte();
                filler += count;
                byte[] chunk = new byte[count];
                Arrays.fill(chunk, value);
                stream.writeBytes(chunk);
                if (operation == 3 && split.decoder.largeBodyWindow() != null) {
                    split.fillWindowThenFeed(chunk, copying);
                } else {
                    split.feed(ByteBuffer.wrap(chunk), copying);
                }
            }
            assertThat((long) DecoderMemory.heldBeyondScratch(split.decoder))
                    .as("bytes held after %d given", split.given)
                    .isLessThanOrEqualTo(4L * split.given + FrameDecoder.FIRST_BODY_CHUNK);
        }

        Run whole = new Run(maxMsgSize, handshakeAfter);
        whole.feed(ByteBuffer.wrap(stream.toByteArray()), false);
        assertThat(split.failed).as("failed").isEqualTo(whole.failed);
        assertThat(split.frames.toByteArray()).as("frames").isEqualTo(whole.frames.toByteArray());
        assertThat(split.decoder.isMidFrame()).as("mid-frame").isEqualTo(whole.decoder.isMidFrame());
        if (split.failed) {
            assertThatThrownBy(() -> split.decoder.decode(ByteBuffer.wrap(new byte[] {0, 0})))
                    .as("a failed decoder stays failed")
                    .isInstanceOf(ProtocolException.class);
        }
    }

    /** A heap buffer whose array holds other bytes before and after it, as a slice of a larger read would. */
    private static ByteBuffer heapWithOffset(byte[] chunk) {
        byte[] padded = new byte[chunk.length + 6];
        Arrays.fill(padded, (byte) 0x55);
        System.arraycopy(chunk, 0, padded, 3, chunk.length);
        return ByteBuffer.wrap(padded, 3, chunk.length).slice();
    }

    private static ByteBuffer direct(byte[] chunk) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(chunk.length);
        buffer.put(chunk).flip();
        return buffer;
    }

    /** One decoder and what it produced: each frame's flags, size and body, one after the other. */
    private static final class Run {
        final FrameDecoder decoder;
        final int handshakeAfter;
        final long maxMsgSize;
        final ByteArrayOutputStream frames = new ByteArrayOutputStream();
        final Frame view = new Frame();
        int count;
        long given;
        boolean failed;

        Run(long maxMsgSize, int handshakeAfter) {
            this.decoder = new FrameDecoder(maxMsgSize);
            this.maxMsgSize = maxMsgSize;
            this.handshakeAfter = handshakeAfter;
            if (handshakeAfter == 0) {
                decoder.handshakeDone();
            }
        }

        void feed(ByteBuffer in, boolean copying) {
            given += in.remaining();
            try {
                while (true) {
                    Frame frame = copying ? decoder.decode(in) : decoder.decode(in, view) ? view : null;
                    if (frame == null) {
                        assertThat(in.hasRemaining())
                                .as("no frame, yet input left")
                                .isFalse();
                        return;
                    }
                    take(frame);
                }
            } catch (ProtocolException e) {
                failed = true;
            }
        }

        /** As the engine does: the body's bytes read straight into the decoder's array, the rest fed normally. */
        void fillWindowThenFeed(byte[] chunk, boolean copying) {
            ByteBuffer window = decoder.largeBodyWindow();
            int count = Math.min(window.remaining(), chunk.length);
            window.put(chunk, 0, count);
            decoder.bodyFilled(count);
            given += count;
            feed(ByteBuffer.wrap(chunk, count, chunk.length - count), copying);
        }

        private void take(Frame frame) {
            boolean handshaking = handshakeAfter < 0 || count < handshakeAfter;
            if (handshaking) {
                assertThat(frame.size()).isLessThanOrEqualTo(FrameDecoder.MAX_HANDSHAKE_FRAME);
            }
            if (maxMsgSize >= 0) {
                assertThat((long) frame.size()).isLessThanOrEqualTo(maxMsgSize);
            }
            frames.write(frame.flags());
            frames.write(frame.size() >>> 24);
            frames.write(frame.size() >>> 16);
            frames.write(frame.size() >>> 8);
            frames.write(frame.size());
            frames.write(frame.array(), frame.offset(), frame.size());
            if (++count == handshakeAfter) {
                decoder.handshakeDone();
            }
        }
    }
}
