package dev.zmq4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZmtpCommandsTest {

    @Test
    void shouldBuildReadyAsACommandFrame() throws ProtocolException {
        Frame ready = ZmtpCommands.ready(new Metadata().put("Socket-Type", "PAIR"));

        assertThat(ready.isCommand()).isTrue();
        assertThat(ready.hasMore()).isFalse();
        assertThat(ZmtpCommands.name(ready)).isEqualTo("READY");
        assertThat(ZmtpCommands.is(ready, ZmtpCommands.READY)).isTrue();
        assertThat(ZmtpCommands.dataOffset(ready)).isEqualTo(6);
        Metadata metadata = Metadata.parse(ready.data(), 6, ZmtpCommands.dataLength(ready));
        assertThat(metadata.getString("socket-type")).isEqualTo("PAIR");
    }

    @Test
    void shouldBuildErrorWithALengthPrefixedReason() throws ProtocolException {
        Frame error = ZmtpCommands.error("400");

        assertThat(error.data()).containsExactly(5, 'E', 'R', 'R', 'O', 'R', 3, '4', '0', '0');
        assertThat(ZmtpCommands.errorReason(error)).isEqualTo("400");
    }

    @Test
    void shouldTruncateAnErrorReasonTo255Bytes() throws ProtocolException {
        Frame error = ZmtpCommands.error("x".repeat(300));

        assertThat(error.size()).isEqualTo(6 + 1 + 255);
        assertThat(error.data()[6] & 0xFF).isEqualTo(255);
        assertThat(ZmtpCommands.errorReason(error)).hasSize(255);
    }

    @Test
    void shouldRejectAnErrorReasonRunningPastTheBody() {
        Frame error = new Frame(new byte[] {5, 'E', 'R', 'R', 'O', 'R', 9, 'x'}, Frame.COMMAND);

        assertThatThrownBy(() -> ZmtpCommands.errorReason(error)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ZmtpCommands.errorReason(ZmtpCommands.pong(null)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldBuildPingWithABigEndianTtlAndContext() {
        Frame ping = ZmtpCommands.ping(0x1234, new byte[] {9, 8});

        assertThat(ping.data()).containsExactly(4, 'P', 'I', 'N', 'G', 0x12, 0x34, 9, 8);
        assertThat(ZmtpCommands.pingTtl(ping)).isEqualTo(0x1234);
        assertThat(ZmtpCommands.pingContext(ping)).containsExactly(9, 8);
        assertThat(ZmtpCommands.ping(0, null).data()).containsExactly(4, 'P', 'I', 'N', 'G', 0, 0);
    }

    @Test
    void shouldRejectAPingTtlOrContextOutOfRange() {
        assertThatThrownBy(() -> ZmtpCommands.ping(-1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZmtpCommands.ping(65536, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZmtpCommands.ping(1, new byte[17])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTruncateAPongContextTo16Bytes() {
        byte[] context = FrameDecoderTest.bytes(20, 0);

        Frame pong = ZmtpCommands.pong(context);

        assertThat(pong.size()).isEqualTo(5 + 16);
        assertThat(ZmtpCommands.name(pong)).isEqualTo("PONG");
        assertThat(Arrays.copyOfRange(pong.data(), 5, 21)).isEqualTo(Arrays.copyOf(context, 16));
        assertThat(ZmtpCommands.pong(null).data()).containsExactly(4, 'P', 'O', 'N', 'G');
    }

    @Test
    void shouldReadTheContextOfAPingFromAnotherStack() {
        Frame noTtl = new Frame(new byte[] {4, 'P', 'I', 'N', 'G'}, Frame.COMMAND);
        Frame longContext = new Frame(concat(new byte[] {4, 'P', 'I', 'N', 'G', 0, 1}, new byte[20]), Frame.COMMAND);

        assertThat(ZmtpCommands.pingTtl(noTtl)).isEqualTo(-1);
        assertThat(ZmtpCommands.pingContext(noTtl)).isEmpty();
        assertThat(ZmtpCommands.pingContext(longContext)).hasSize(16);
    }

    @Test
    void shouldBuildSubscribeAndCancel() {
        assertThat(ZmtpCommands.subscribe("A".getBytes(StandardCharsets.US_ASCII))
                        .data())
                .containsExactly(9, 'S', 'U', 'B', 'S', 'C', 'R', 'I', 'B', 'E', 'A');
        assertThat(ZmtpCommands.cancel(new byte[0]).data()).containsExactly(6, 'C', 'A', 'N', 'C', 'E', 'L');
    }

    @Test
    void shouldReturnNullNameForMalformedBodies() {
        assertThat(ZmtpCommands.name(new Frame(new byte[0], Frame.COMMAND))).isNull();
        assertThat(ZmtpCommands.name(new Frame(new byte[] {0, 'x'}, Frame.COMMAND)))
                .isNull();
        assertThat(ZmtpCommands.name(new Frame(new byte[] {6, 'R', 'E', 'A', 'D', 'Y'}, Frame.COMMAND)))
                .isNull();
        assertThat(ZmtpCommands.name(new Frame(new byte[] {(byte) 200, 'R'}, Frame.COMMAND)))
                .isNull();
        assertThatThrownBy(() -> ZmtpCommands.dataOffset(new Frame(new byte[0], Frame.COMMAND)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMatchNamesExactlyAndCaseSensitively() {
        Frame ready = new Frame(new byte[] {5, 'R', 'E', 'A', 'D', 'Y', 1, 2}, Frame.COMMAND);

        assertThat(ZmtpCommands.is(ready, "READY")).isTrue();
        assertThat(ZmtpCommands.is(ready, "READ")).isFalse();
        assertThat(ZmtpCommands.is(ready, "READY\u0001")).isFalse();
        assertThat(ZmtpCommands.is(ready, "ready")).isFalse();
        assertThat(ZmtpCommands.is(ready, "ERROR")).isFalse();
        assertThat(ZmtpCommands.is(new Frame(new byte[] {5, 'R', 'E'}, Frame.COMMAND), "READY"))
                .isFalse();
        assertThat(ZmtpCommands.is(Frame.empty(), "READY")).isFalse();
    }

    @Test
    void shouldSurviveTheWireWithTheCommandFlag() throws ProtocolException {
        byte[] wire = FrameEncoderTest.encode(ZmtpCommands.ping(10, new byte[] {1}));

        Frame decoded = new FrameDecoder(-1).decode(ByteBuffer.wrap(wire));

        assertThat(wire[0]).isEqualTo((byte) 0x04);
        assertThat(decoded.isCommand()).isTrue();
        assertThat(ZmtpCommands.is(decoded, ZmtpCommands.PING)).isTrue();
        assertThat(ZmtpCommands.pingTtl(decoded)).isEqualTo(10);
    }

    /**
     * The engine hands commands over as views into its input buffer: every reader must look at the view's slice,
     * not at the start of the array, and must not need an owned copy.
     */
    @Test
    void shouldReadCommandsInPlaceInsideALargerArray() throws ProtocolException {
        assertThat(ZmtpCommands.is(view(ZmtpCommands.ping(300, "ctx".getBytes(StandardCharsets.US_ASCII))), "PING"))
                .isTrue();
        Frame ping = view(ZmtpCommands.ping(300, "ctx".getBytes(StandardCharsets.US_ASCII)));
        assertThat(ZmtpCommands.name(ping)).isEqualTo("PING");
        assertThat(ZmtpCommands.pingTtl(ping)).isEqualTo(300);
        assertThat(ZmtpCommands.pingContext(ping)).containsExactly('c', 't', 'x');
        Frame pong = ZmtpCommands.pongFor(ping);
        assertThat(pong.data())
                .isEqualTo(ZmtpCommands.pong("ctx".getBytes(StandardCharsets.US_ASCII))
                        .data());

        Frame subscribe = view(ZmtpCommands.subscribe("topic".getBytes(StandardCharsets.US_ASCII)));
        assertThat(ZmtpCommands.is(subscribe, ZmtpCommands.SUBSCRIBE)).isTrue();
        assertThat(ZmtpCommands.dataOffset(subscribe)).isEqualTo(10);
        assertThat(ZmtpCommands.dataLength(subscribe)).isEqualTo(5);

        assertThat(ZmtpCommands.errorReason(view(ZmtpCommands.error("nope")))).isEqualTo("nope");
    }

    @Test
    void shouldNotReadPastTheEndOfAViewIntoTheRestOfTheArray() {
        byte[] array = {9, 9, 4, 'P', 'I', 'N', 'G', 1, 2, 3, 4};
        Frame truncated = new Frame().setView(array, 2, 5, Frame.COMMAND);
        assertThat(ZmtpCommands.is(truncated, "PING")).isTrue();
        assertThat(ZmtpCommands.pingTtl(truncated))
                .as("the TTL lies beyond the view")
                .isEqualTo(-1);
        assertThat(ZmtpCommands.pongFor(truncated).size()).isEqualTo(5);

        Frame shortName = new Frame().setView(array, 2, 3, Frame.COMMAND);
        assertThat(ZmtpCommands.name(shortName))
                .as("the name runs past the view")
                .isNull();
        assertThat(ZmtpCommands.is(shortName, "PING")).isFalse();
    }

    @Test
    void shouldAnswerAPingWithoutTtlThatEndsItsArray() {
        // Found by ZmtpCommandFuzzTest: the context's start lay past the array, and copying nothing from there threw.
        byte[] array = {9, 4, 'P', 'I', 'N', 'G'};
        Frame ping = new Frame().setView(array, 1, 5, Frame.COMMAND);
        Frame pong = ZmtpCommands.pongFor(ping);
        assertThat(ZmtpCommands.is(pong, "PONG")).isTrue();
        assertThat(pong.size()).isEqualTo(5);
    }

    /** The command's bytes as a view at offset 3 of a larger array with garbage around it. */
    private static Frame view(Frame command) {
        byte[] array = new byte[command.size() + 6];
        Arrays.fill(array, (byte) 0x7E);
        System.arraycopy(command.array(), command.offset(), array, 3, command.size());
        return new Frame().setView(array, 3, command.size(), Frame.COMMAND);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
