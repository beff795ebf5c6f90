package dev.zmq4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.msg.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameEncoderTest {
    private static final int[] SIZES = {0, 1, 255, 256, 65536};
    private static final int[] FLAG_SETS = {0, Frame.MORE, Frame.COMMAND};

    @ParameterizedTest(name = "out buffer of {0} bytes")
    @ValueSource(ints = {1, 7, 8192})
    void shouldRoundTripThroughTheDecoder(int outCapacity) throws ProtocolException {
        FrameEncoder encoder = new FrameEncoder();
        FrameDecoder decoder = new FrameDecoder(-1);
        ByteBuffer out = ByteBuffer.allocate(outCapacity);
        List<String> sent = new ArrayList<>();
        List<String> received = new ArrayList<>();

        for (int size : SIZES) {
            for (int flags : FLAG_SETS) {
                Frame frame = new Frame(FrameDecoderTest.bytes(size, size + flags), flags);
                sent.add(FrameDecoderTest.describe(frame));
                encoder.load(frame);
                boolean done;
                do {
                    out.clear();
                    done = encoder.encode(out);
                    assertThat(done || !out.hasRemaining())
                            .as("stops early only when out is full")
                            .isTrue();
                    out.flip();
                    Frame decoded;
                    while ((decoded = decoder.decode(out)) != null) {
                        received.add(FrameDecoderTest.describe(decoded));
                    }
                } while (!done);
                assertThat(encoder.hasPending()).isFalse();
            }
        }
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void shouldUseTheShortFormUpTo255BytesAndTheLongFormAbove() {
        assertThat(encode(new Frame(new byte[255]))).hasSize(2 + 255).startsWith(0x00, 0xFF);
        assertThat(encode(new Frame(new byte[256]))).hasSize(9 + 256).startsWith(0x02, 0, 0, 0, 0, 0, 0, 0x01, 0x00);
        assertThat(encode(new Frame(new byte[65536], Frame.MORE))).startsWith(0x03, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00);
    }

    @Test
    void shouldPutOnlyMoreAndCommandOnTheWire() {
        int internal = Frame.ROUTING_ID | Frame.DELIMITER;

        assertThat(encode(new Frame(new byte[] {7}, Frame.MORE | internal))).containsExactly(0x01, 1, 7);
        assertThat(encode(new Frame(new byte[0], Frame.COMMAND | internal))).containsExactly(0x04, 0);
        assertThat(encode(new Frame(new byte[0], internal))).containsExactly(0x00, 0);
    }

    @Test
    void shouldRefuseToLoadWhileAFrameIsPending() {
        FrameEncoder encoder = new FrameEncoder();
        encoder.load(new Frame(new byte[10]));
        encoder.encode(ByteBuffer.allocate(3));

        assertThat(encoder.hasPending()).isTrue();
        assertThatThrownBy(() -> encoder.load(Frame.empty())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReportDoneAndWriteNothingWhenIdle() {
        FrameEncoder encoder = new FrameEncoder();
        ByteBuffer out = ByteBuffer.allocate(4);

        assertThat(encoder.hasPending()).isFalse();
        assertThat(encoder.encode(out)).isTrue();
        assertThat(out.position()).isZero();
    }

    @Test
    void shouldWriteNothingIntoAFullBuffer() {
        FrameEncoder encoder = new FrameEncoder();
        encoder.load(new Frame(new byte[] {1}));

        assertThat(encoder.encode(ByteBuffer.allocate(0))).isFalse();
        assertThat(encoder.hasPending()).isTrue();
    }

    /** Encodes one frame through a 1-byte buffer, the tightest case. */
    static byte[] encode(Frame frame) {
        FrameEncoder encoder = new FrameEncoder();
        encoder.load(frame);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(1);
        boolean done;
        do {
            out.clear();
            done = encoder.encode(out);
            wire.write(out.array(), 0, out.position());
        } while (!done);
        return wire.toByteArray();
    }
}
