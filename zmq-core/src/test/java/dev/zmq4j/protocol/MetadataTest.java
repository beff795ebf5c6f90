package dev.zmq4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void shouldEncodeNameLengthNameValueLengthValue() {
        byte[] encoded = new Metadata().put("Socket-Type", "SUB").encode();

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("0b" + hex("Socket-Type") + "00000003" + hex("SUB"));
    }

    @Test
    void shouldRoundTripInInsertionOrder() throws ProtocolException {
        Metadata metadata = new Metadata()
                .put("Socket-Type", "ROUTER")
                .put("Identity", new byte[0])
                .put("X-Big", new byte[300])
                .put("X-Utf8", "h\u00e9llo");

        byte[] encoded = metadata.encode();
        Metadata parsed = Metadata.parse(encoded, 0, encoded.length);

        assertThat(encoded).hasSize(metadata.encodedSize());
        assertThat(parsed.names()).containsExactly("Socket-Type", "Identity", "X-Big", "X-Utf8");
        assertThat(parsed.getString("Socket-Type")).isEqualTo("ROUTER");
        assertThat(parsed.get("Identity")).isEmpty();
        assertThat(parsed.get("X-Big")).hasSize(300);
        assertThat(parsed.getString("X-Utf8")).isEqualTo("h\u00e9llo");
        assertThat(parsed.encode()).isEqualTo(encoded);
    }

    @Test
    void shouldLookUpNamesCaseInsensitively() {
        Metadata metadata = new Metadata().put("Socket-Type", "PUB");

        assertThat(metadata.getString("socket-type")).isEqualTo("PUB");
        assertThat(metadata.getString("SOCKET-TYPE")).isEqualTo("PUB");
        assertThat(metadata.contains("sOcKeT-tYpE")).isTrue();
        assertThat(metadata.get("Identity")).isNull();
        assertThat(metadata.getString("Identity")).isNull();
    }

    @Test
    void shouldReplaceAnExistingValueInPlace() {
        Metadata metadata = new Metadata().put("A", "1").put("B", "2").put("a", "3");

        assertThat(metadata.names()).containsExactly("A", "B");
        assertThat(metadata.getString("A")).isEqualTo("3");
    }

    @Test
    void shouldRejectInvalidNamesOnPut() {
        Metadata metadata = new Metadata();

        assertThatThrownBy(() -> metadata.put("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metadata.put("a".repeat(256), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metadata.put("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metadata.put("caf\u00e9", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(metadata.put("a".repeat(255), "x").put("X-a_b.c+d-9", "y").size())
                .isEqualTo(2);
    }

    @Test
    void shouldParseOnlyTheGivenRange() throws ProtocolException {
        byte[] property = new Metadata().put("K", "v").encode();
        byte[] data = new byte[property.length + 4];
        data[0] = (byte) 0xEE;
        data[1] = (byte) 0xEE;
        System.arraycopy(property, 0, data, 2, property.length);

        Metadata parsed = Metadata.parse(data, 2, property.length);

        assertThat(parsed.getString("k")).isEqualTo("v");
        assertThat(Metadata.parse(data, 2, 0).isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseMoreThanTheMostPropertiesAListMayHold() {
        // 30,000 distinct properties, 380 KiB: once parsed in quadratic time for seconds on the I/O thread
        assertThatThrownBy(() -> parse(properties(30_000)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("more than " + Metadata.MAX_PROPERTIES);
    }

    @Test
    void shouldParseTheMostPropertiesAListMayHoldAndRepeatsOfThem() throws ProtocolException {
        Metadata full = new Metadata();
        for (int i = 0; i < Metadata.MAX_PROPERTIES; i++) {
            full.put("X-" + i, "v" + i);
        }
        byte[] wire = full.encode();
        byte[] repeated = Arrays.copyOf(wire, wire.length * 2);
        System.arraycopy(wire, 0, repeated, wire.length, wire.length);

        Metadata parsed = parse(repeated);
        assertThat(parsed.size()).isEqualTo(Metadata.MAX_PROPERTIES);
        assertThat(parsed.getString("x-1023")).isEqualTo("v1023");
    }

    @Test
    void shouldRejectAnEmptyName() {
        byte[] data = {0, 0, 0, 0, 0};

        assertThatThrownBy(() -> Metadata.parse(data, 0, data.length))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("empty name");
    }

    @Test
    void shouldRejectAValueLengthWithTheTopBitSet() {
        byte[] data = {1, 'A', (byte) 0x80, 0, 0, 0};

        assertThatThrownBy(() -> Metadata.parse(data, 0, data.length))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("top bit");
    }

    @Test
    void shouldRejectAValueLengthBeyondTheData() {
        byte[] data = {1, 'A', 0, 0, 0, 4, 'x', 'y', 'z'};

        assertThatThrownBy(() -> Metadata.parse(data, 0, data.length))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("announces 4");
    }

    @Test
    void shouldRejectEveryTruncationThatCutsAProperty() throws ProtocolException {
        byte[] encoded = new Metadata()
                .put("Socket-Type", "DEALER")
                .put("Identity", "id")
                .encode();
        int firstEnd = 1 + 11 + 4 + 6;

        for (int length = 0; length <= encoded.length; length++) {
            int cut = length;
            if (length == 0 || length == firstEnd || length == encoded.length) {
                int properties = length == 0 ? 0 : length == firstEnd ? 1 : 2;
                assertThat(Metadata.parse(encoded, 0, length).size()).isEqualTo(properties);
            } else {
                assertThatThrownBy(() -> Metadata.parse(encoded, 0, cut))
                        .as("truncated at %d", cut)
                        .isInstanceOf(ProtocolException.class);
            }
        }
    }

    @Test
    void shouldNeverThrowAnythingButProtocolExceptionOnGarbage() {
        Random random = new Random(42);
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < 100_000; round++) {
            byte[] data = randomInput(random);
            int offset = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            int length = random.nextInt(data.length - offset + 1);
            try {
                Metadata.parse(data, offset, length);
                accepted++;
            } catch (ProtocolException expectedForGarbage) {
                rejected++;
            } catch (RuntimeException | Error unexpected) {
                fail("round " + round + " threw " + unexpected + " for "
                        + HexFormat.of().formatHex(data) + " offset " + offset + " length " + length);
            }
        }
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
    }

    /** Pure noise, or a valid property list with a few bytes flipped or cut, which reaches the deeper checks. */
    private static byte[] randomInput(Random random) {
        if (random.nextBoolean()) {
            byte[] noise = new byte[random.nextInt(48)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] value = new byte[random.nextInt(8)];
        ByteBuffer valid = ByteBuffer.allocate(64)
                .put((byte) 3)
                .put("abc".getBytes(StandardCharsets.US_ASCII))
                .putInt(value.length)
                .put(value)
                .put((byte) 1)
                .put((byte) 'Z')
                .putInt(0);
        byte[] data = Arrays.copyOf(valid.array(), valid.position());
        for (int flips = random.nextInt(3); flips > 0; flips--) {
            data[random.nextInt(data.length)] = (byte) random.nextInt(256);
        }
        return Arrays.copyOf(data, random.nextInt(data.length + 1));
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static Metadata parse(byte[] wire) throws ProtocolException {
        return Metadata.parse(wire, 0, wire.length);
    }

    /** {@code count} properties named P0, P1, ... with empty values, encoded by hand. */
    private static byte[] properties(int count) {
        ByteBuffer out = ByteBuffer.allocate(count * 12);
        for (int i = 0; i < count; i++) {
            byte[] name = ("P" + i).getBytes(StandardCharsets.US_ASCII);
            out.put((byte) name.length).put(name).putInt(0);
        }
        return Arrays.copyOf(out.array(), out.position());
    }
}
