package dev.zmq4j.protocol.mechanism.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** MESSAGE boxes after the handshake: libzmq's framing, and every way a peer can tamper with them. */
class CurveMessageCodecTest {
    private final byte[] key = new byte[32];

    {
        Arrays.fill(key, (byte) 3);
    }

    private CurveMessageCodec client() {
        return new CurveMessageCodec(key.clone(), "CurveZMQMESSAGEC", "CurveZMQMESSAGES", 3, 1);
    }

    private CurveMessageCodec server() {
        return new CurveMessageCodec(key.clone(), "CurveZMQMESSAGES", "CurveZMQMESSAGEC", 2, 2);
    }

    private static Frame frame(String text, int flags) {
        return new Frame(text.getBytes(StandardCharsets.US_ASCII), flags);
    }

    @Test
    void shouldBoxAFrameAsAMessageCommandInAnOuterMessageFrame() throws ProtocolException {
        Frame wire = client().encode(frame("hello", Frame.MORE)).copy();

        assertThat(wire.flags())
                .as("an outer message frame, as libzmq sends it")
                .isZero();
        assertThat(Arrays.copyOfRange(wire.array(), 0, 8))
                .isEqualTo("\u0007MESSAGE".getBytes(StandardCharsets.US_ASCII));
        assertThat(CurveMessageCodec.getLong(wire.array(), 8))
                .as("the client's first MESSAGE nonce")
                .isEqualTo(3);
        assertThat(wire.size()).isEqualTo(8 + 8 + 16 + 1 + 5);

        Frame opened = server().decode(wire);
        assertThat(opened.contentEquals("hello".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(opened.flags()).as("the inner flags").isEqualTo(Frame.MORE);
    }

    @Test
    void shouldCarryTheCommandFlagSoThatHeartbeatsAndSubscriptionsTravelEncrypted() throws ProtocolException {
        CurveMessageCodec server = server();
        Frame opened = server.decode(client().encode(frame("\u0004PING\u0000\u0000", Frame.COMMAND)));
        assertThat(opened.isCommand()).isTrue();
        assertThat(opened.hasMore()).isFalse();
    }

    @Test
    void shouldRefuseAReplayedOrReorderedBox() throws ProtocolException {
        CurveMessageCodec client = client();
        CurveMessageCodec server = server();
        Frame first = client.encode(frame("one", 0)).copy();
        Frame second = client.encode(frame("two", 0)).copy();

        server.decode(second);
        assertThatThrownBy(() -> server.decode(first))
                .as("an earlier nonce after a later one")
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE);
        assertThatThrownBy(() -> server.decode(second))
                .as("the same box twice")
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE);
    }

    @Test
    void shouldRefuseABoxWithAnyByteChanged() throws ProtocolException {
        Frame wire = client().encode(frame("attack at dawn", 0)).copy();
        for (int i = 16; i < wire.size(); i++) {
            byte[] forged = wire.data().clone();
            forged[i] ^= 0x40;
            CurveMessageCodec server = server();
            assertThatThrownBy(() -> server.decode(new Frame(forged, 0)))
                    .as("byte %d changed", i)
                    .extracting(e -> ((ProtocolException) e).monitorCode())
                    .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
        }
        byte[] otherNonce = wire.data().clone();
        otherNonce[15] ^= 0x04; // 3 becomes 7: fresh, but not the nonce it was sealed under
        assertThatThrownBy(() -> server().decode(new Frame(otherNonce, 0)))
                .as("a box under another nonce")
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC);
    }

    @Test
    void shouldRefuseWhatIsNotAWholeMessageCommand() {
        assertThatThrownBy(() -> server().decode(frame("\u0007MESSAG", 0)))
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        assertThatThrownBy(() -> server().decode(frame("plain text, not a box at all", 0)))
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        byte[] tooShort = new byte[8 + 8 + 16];
        System.arraycopy("\u0007MESSAGE".getBytes(StandardCharsets.US_ASCII), 0, tooShort, 0, 8);
        tooShort[15] = 9;
        assertThatThrownBy(() -> server().decode(new Frame(tooShort, 0)))
                .extracting(e -> ((ProtocolException) e).monitorCode())
                .isEqualTo(SocketEvent.PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE);
    }

    @Test
    void shouldRoundTripLargeFramesThroughBuffersOfTheirOwn() throws ProtocolException {
        CurveMessageCodec client = client();
        CurveMessageCodec server = server();
        for (int size : new int[] {0, 1, 8191, 8192, 65_536, 200_000}) {
            byte[] data = new byte[size];
            Arrays.fill(data, (byte) size);
            Frame opened = server.decode(client.encode(new Frame(data, 0)));
            assertThat(opened.size()).isEqualTo(size);
            assertThat(opened.contentEquals(data)).as("%d bytes", size).isTrue();
        }
    }

    /** The buffer-reusing path: boxing and opening frames up to 8 KiB allocates nothing once warm. */
    @Test
    void shouldAllocateNothingPerFrameUpTo8KiB() throws ProtocolException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CurveMessageCodec client = client();
        CurveMessageCodec server = server();
        Frame frame = new Frame(new byte[8192], Frame.MORE);
        for (int i = 0; i < 20_000; i++) {
            server.decode(client.encode(frame));
        }
        long thread = Thread.currentThread().getId();
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            int opened = 0;
            for (int i = 0; i < 10_000; i++) {
                opened += server.decode(client.encode(frame)).size() == 8192 ? 1 : 0;
            }
            fewest = Math.min(fewest, (threads.getThreadAllocatedBytes(thread) - before) / 10_000);
            assertThat(opened).isEqualTo(10_000);
        }
        assertThat(fewest).as("bytes allocated per frame boxed and opened").isLessThan(16);
    }
}
