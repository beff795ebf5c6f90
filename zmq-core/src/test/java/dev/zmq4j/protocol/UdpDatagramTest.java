package dev.zmq4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The udp datagram of a RADIO message, bytes in and bytes out, against the capture from libzmq. */
class UdpDatagramTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(String group, byte[] body) {
        byte[] g = bytes(group);
        ByteBuffer out = ByteBuffer.allocate(UdpDatagram.MAX_SIZE);
        assertThat(UdpDatagram.encode(out, g, 0, g.length, body, 0, body.length))
                .isTrue();
        out.flip();
        byte[] datagram = new byte[out.remaining()];
        out.get(datagram);
        return datagram;
    }

    @Test
    void shouldEncodeAsLibzmqDoes() {
        // Captured from zeromq.js (libzmq 4.3.5) sending group "grp", body "body-bytes" over udp.
        assertThat(HexFormat.of().formatHex(encode("grp", bytes("body-bytes"))))
                .isEqualTo("03677270626f64792d6279746573");
    }

    @Test
    void shouldDecodeTheCapturedDatagram() {
        ByteBuffer datagram = ByteBuffer.wrap(HexFormat.of().parseHex("03677270626f64792d6279746573"));
        assertThat(UdpDatagram.groupLength(datagram)).isEqualTo(3);
        assertThat(datagram.position()).as("left as it was").isZero();
        assertThat(new String(datagram.array(), 1, 3, StandardCharsets.UTF_8)).isEqualTo("grp");
        assertThat(new String(datagram.array(), 4, 10, StandardCharsets.UTF_8)).isEqualTo("body-bytes");
    }

    @Test
    void shouldTakeExactly8192BytesAndNoMore() {
        byte[] fits = new byte[UdpDatagram.MAX_SIZE - 1 - 3];
        assertThat(encode("grp", fits)).hasSize(UdpDatagram.MAX_SIZE);
        byte[] tooBig = new byte[fits.length + 1];
        ByteBuffer out = ByteBuffer.allocate(2 * UdpDatagram.MAX_SIZE);
        byte[] group = bytes("grp");
        assertThat(UdpDatagram.encode(out, group, 0, 3, tooBig, 0, tooBig.length))
                .isFalse();
        assertThat(out.position()).as("nothing written").isZero();
        assertThat(UdpDatagram.groupLength(ByteBuffer.allocate(UdpDatagram.MAX_SIZE + 1)))
                .as("a datagram over 8192 bytes")
                .isEqualTo(-1);
    }

    @Test
    void shouldRefuseAGroupThatRunsPastTheEnd() {
        assertThat(UdpDatagram.groupLength(ByteBuffer.wrap(new byte[] {5, 'a', 'b'})))
                .isEqualTo(-1);
        assertThat(UdpDatagram.groupLength(ByteBuffer.wrap(new byte[0]))).isEqualTo(-1);
        assertThat(UdpDatagram.groupLength(ByteBuffer.wrap(new byte[] {2, 'a', 'b'})))
                .as("a group with an empty body")
                .isEqualTo(2);
        assertThat(UdpDatagram.groupLength(ByteBuffer.wrap(new byte[] {0})))
                .as("empty group and body")
                .isZero();
    }

    @Test
    void shouldReadADatagramWhereItLiesInALargerBuffer() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 9, 1, 'g', 'b', 9});
        buffer.position(2).limit(5);
        assertThat(UdpDatagram.groupLength(buffer)).isEqualTo(1);
    }
}
