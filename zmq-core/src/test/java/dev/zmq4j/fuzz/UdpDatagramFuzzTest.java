package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.protocol.UdpDatagram;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Any bytes as a datagram arriving at a DISH's udp endpoint, read by {@link UdpDatagram#groupLength} where it lies
 * in a larger buffer (the I/O thread's shared one, with other bytes around it), as the udp engine reads it.
 *
 * <p>What must hold: the reader never throws; it refuses (-1) exactly the datagrams libzmq ignores (empty, a group
 * running past the end) and those over 8192 bytes; a group it accepts lies inside the datagram and is at most 255
 * bytes; the buffer's position and limit are left alone; and what it accepts encodes back to the very same bytes.
 */
class UdpDatagramFuzzTest {
    private static final int BEFORE = 3;
    private static final int AFTER = 5;

    @FuzzTest(maxDuration = "3m")
    void decodesAnyDatagram(byte[] datagram) {
        byte[] array = new byte[BEFORE + datagram.length + AFTER];
        Arrays.fill(array, (byte) 0x7f);
        System.arraycopy(datagram, 0, array, BEFORE, datagram.length);
        ByteBuffer in = ByteBuffer.wrap(array, BEFORE, datagram.length);

        int groupLength = UdpDatagram.groupLength(in);

        assertThat(in.position()).isEqualTo(BEFORE);
        assertThat(in.limit()).isEqualTo(BEFORE + datagram.length);
        boolean wellFormed = datagram.length >= 1
                && datagram.length <= UdpDatagram.MAX_SIZE
                && 1 + (datagram[0] & 0xFF) <= datagram.length;
        if (!wellFormed) {
            assertThat(groupLength).isEqualTo(-1);
            return;
        }
        assertThat(groupLength).isEqualTo(datagram[0] & 0xFF).isBetween(0, 255);
        int bodyLength = datagram.length - 1 - groupLength;
        ByteBuffer out = ByteBuffer.allocate(UdpDatagram.MAX_SIZE);
        assertThat(UdpDatagram.encode(out, array, BEFORE + 1, groupLength, array, BEFORE + 1 + groupLength, bodyLength))
                .isTrue();
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(datagram);
    }
}
