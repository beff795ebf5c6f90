package dev.zmq4j.protocol.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The long-at-a-time mask gives the bytes of RFC 6455's byte-at-a-time definition, at every position and length. */
class WsMaskTest {
    @Test
    void shouldMaskAsTheRfcDefinesItAtEveryPositionAndLength() {
        SplittableRandom random = new SplittableRandom(6455);
        byte[] key = {(byte) 0x37, (byte) 0xfa, (byte) 0x21, (byte) 0x3d};
        for (int length = 0; length <= 40; length++) {
            for (int position = 0; position < 8; position++) {
                for (int offset = 0; offset < 3; offset++) {
                    byte[] source = new byte[offset + length];
                    random.nextBytes(source);
                    byte[] expected = source.clone();
                    for (int i = 0; i < length; i++) {
                        expected[offset + i] ^= key[(position + i) % 4];
                    }
                    byte[] copied = new byte[offset + length];
                    System.arraycopy(source, 0, copied, 0, offset);
                    WsMask.apply(key, position, source, offset, copied, offset, length);
                    assertThat(copied)
                            .as("length %d at %d, offset %d", length, position, offset)
                            .isEqualTo(expected);
                    WsMask.apply(key, position, source, offset, source, offset, length);
                    assertThat(source)
                            .as("in place, length %d at %d", length, position)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldMatchTheRfcsExampleHello() {
        // RFC 6455 section 5.7: "Hello" masked with 37 fa 21 3d is 7f 9f 4d 51 58.
        byte[] key = {(byte) 0x37, (byte) 0xfa, (byte) 0x21, (byte) 0x3d};
        byte[] hello = "Hello".getBytes();
        WsMask.apply(key, 0, hello, 0, hello, 0, hello.length);
        assertThat(hello).containsExactly(0x7f, 0x9f, 0x4d, 0x51, 0x58);
    }
}
