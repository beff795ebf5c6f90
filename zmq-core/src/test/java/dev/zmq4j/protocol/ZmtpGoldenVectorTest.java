package dev.zmq4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.msg.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Byte vectors shared by 23/ZMTP and libzmq's tests/testutil.hpp: what a libzmq peer sends must be what we send, byte
 * for byte, and what it sends must parse.
 */
class ZmtpGoldenVectorTest {
    /** DEALER's NULL READY with an empty Identity: 43 bytes. */
    private static final byte[] DEALER_READY = bytes(
            new byte[] {0x04, 41, 5},
            ascii("READY"),
            new byte[] {11},
            ascii("Socket-Type"),
            new byte[] {0, 0, 0, 6},
            ascii("DEALER"),
            new byte[] {8},
            ascii("Identity"),
            new byte[] {0, 0, 0, 0});

    /** SUB's NULL READY: 27 bytes. */
    private static final byte[] SUB_READY = bytes(
            new byte[] {0x04, 0x19, 5},
            ascii("READY"),
            new byte[] {11},
            ascii("Socket-Type"),
            new byte[] {0, 0, 0, 3},
            ascii("SUB"));

    /** XPUB's NULL READY: 28 bytes. */
    private static final byte[] XPUB_READY = bytes(
            new byte[] {0x04, 0x1A, 5},
            ascii("READY"),
            new byte[] {11},
            ascii("Socket-Type"),
            new byte[] {0, 0, 0, 4},
            ascii("XPUB"));

    /** libzmq's NULL greeting without a routing id: 64 bytes. */
    private static final byte[] NULL_GREETING = bytes(
            new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3, 1}, ascii("NULL"), new byte[16], new byte[32]);

    /** The same with the CURVE mechanism. */
    private static final byte[] CURVE_GREETING = bytes(
            new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3, 1}, ascii("CURVE"), new byte[15], new byte[32]);

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

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
