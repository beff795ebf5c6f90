package dev.zmq4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GreetingTest {

    @Test
    void shouldPutRoutingIdLengthPlusOneInThePadding() {
        assertThat(Greeting.signature(0)).containsExactly(0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F);
        assertThat(Greeting.signature(5)).containsExactly(0xFF, 0, 0, 0, 0, 0, 0, 0, 6, 0x7F);
        assertThat(Greeting.signature(255)).containsExactly(0xFF, 0, 0, 0, 0, 0, 0, 1, 0, 0x7F);
    }

    @Test
    void shouldRecogniseAVersionedSignature() {
        assertThat(Greeting.isVersionedSignature(Greeting.signature(0))).isTrue();
        assertThat(Greeting.isVersionedSignature(new byte[] {(byte) 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 1}))
                .isTrue();
        assertThat(Greeting.isVersionedSignature(new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7E}))
                .isFalse();
        assertThat(Greeting.isVersionedSignature(new byte[] {0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F}))
                .isFalse();
        assertThat(Greeting.isVersionedSignature(Greeting.full(0, "NULL", false)))
                .isTrue();
    }

    @Test
    void shouldLayOutTheBytesAfterTheMajorVersion() {
        byte[] rest = Greeting.afterMajor("CURVE", true);

        assertThat(rest).hasSize(53);
        assertThat(rest[0]).isEqualTo((byte) 1);
        assertThat(new String(rest, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("CURVE");
        assertThat(Arrays.copyOfRange(rest, 6, 21)).containsOnly(0);
        assertThat(rest[21]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(rest, 22, 53)).hasSize(31).containsOnly(0);
    }

    @Test
    void shouldReadTheMechanismAndVersionBack() {
        byte[] greeting = Greeting.full(3, "PLAIN", false);

        assertThat(greeting).hasSize(Greeting.SIZE);
        assertThat(Greeting.mechanism(greeting)).isEqualTo("PLAIN");
        assertThat(Greeting.major(greeting)).isEqualTo(3);
        assertThat(Greeting.minor(greeting)).isEqualTo(1);
        assertThat(Greeting.asServer(greeting)).isFalse();
        assertThat(Greeting.mechanism(Greeting.full(0, "A".repeat(20), false))).isEqualTo("A".repeat(20));
    }

    @Test
    void shouldRejectBadMechanismNames() {
        assertThatThrownBy(() -> Greeting.afterMajor("", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Greeting.afterMajor("A".repeat(21), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Greeting.afterMajor("N\u00dcLL", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Greeting.afterMajor("NU LL", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectShortGreetings() {
        assertThatThrownBy(() -> Greeting.isVersionedSignature(new byte[9]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Greeting.mechanism(new byte[63])).isInstanceOf(IllegalArgumentException.class);
    }
}
