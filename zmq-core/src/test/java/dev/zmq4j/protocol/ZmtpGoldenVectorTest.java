package dev.zmq4j.protocol;

import static dev.zmq4j.protocol.GoldenVectors.CURVE_GREETING;
import static dev.zmq4j.protocol.GoldenVectors.DEALER_READY;
import static dev.zmq4j.protocol.GoldenVectors.NULL_GREETING;
import static dev.zmq4j.protocol.GoldenVectors.SUB_READY;
import static dev.zmq4j.protocol.GoldenVectors.XPUB_READY;
import static dev.zmq4j.protocol.GoldenVectors.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The {@link GoldenVectors}: what a libzmq peer sends must be what we send, byte for byte, and what it sends must
 * parse.
 */
class ZmtpGoldenVectorTest {
    @Test
    void shouldEncodeTheDealerReadyExactly() {
        Metadata metadata = new Metadata().put(Metadata.SOCKET_TYPE, "DEALER").put(Metadata.IDENTITY, new byte[0]);

        byte[] wire = FrameEncoderTest.encode(ZmtpCommands.ready(metadata));

        assertThat(DEALER_READY).hasSize(43);
        assertThat(wire).isEqualTo(DEALER_READY);
    }

    @Test
    void shouldEncodeTheSubAndXpubReadyExactly() {
        assertThat(SUB_READY).hasSize(27);
        assertThat(XPUB_READY).hasSize(28);
        assertThat(FrameEncoderTest.encode(ZmtpCommands.ready(new Metadata().put("Socket-Type", "SUB"))))
                .isEqualTo(SUB_READY);
        assertThat(FrameEncoderTest.encode(ZmtpCommands.ready(new Metadata().put("Socket-Type", "XPUB"))))
                .isEqualTo(XPUB_READY);
    }

    @Test
    void shouldDecodeTheDealerReady() throws ProtocolException {
        Frame ready = new FrameDecoder(-1).decode(ByteBuffer.wrap(DEALER_READY));

        assertThat(ready.isCommand()).isTrue();
        assertThat(ZmtpCommands.name(ready)).isEqualTo("READY");
        int offset = ZmtpCommands.dataOffset(ready);
        Metadata metadata = Metadata.parse(ready.data(), offset, ready.size() - offset);
        assertThat(metadata.names()).containsExactly("Socket-Type", "Identity");
        assertThat(metadata.getString("Socket-Type")).isEqualTo("DEALER");
        assertThat(metadata.get("identity")).isEmpty();
    }

    @Test
    void shouldBuildTheLibzmqNullGreeting() {
        byte[] built =
                bytes(Greeting.signature(0), new byte[] {Greeting.VERSION_MAJOR}, Greeting.afterMajor("NULL", false));

        assertThat(NULL_GREETING).hasSize(64);
        assertThat(built).isEqualTo(NULL_GREETING);
        assertThat(Greeting.full(0, "NULL", false)).isEqualTo(NULL_GREETING);
        assertThat(Greeting.mechanism(NULL_GREETING)).isEqualTo("NULL");
    }

    @Test
    void shouldBuildTheLibzmqCurveGreeting() {
        assertThat(CURVE_GREETING).hasSize(64);
        assertThat(Greeting.full(0, "CURVE", false)).isEqualTo(CURVE_GREETING);
        assertThat(Greeting.mechanism(CURVE_GREETING)).isEqualTo("CURVE");
    }
}
