package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.CurveKeyPair;
import dev.zmq4j.ErrorCode;
import dev.zmq4j.Z85;
import dev.zmq4j.ZmqException;
import java.nio.charset.StandardCharsets;

/**
 * Z85 decoding of any text (libzmq's test_z85_decode_fuzzer, without its truncation to a multiple of 5), and CURVE
 * key options given any bytes, which decode 40 of them as Z85.
 *
 * <p>What must hold: only {@link ZmqException} EINVAL escapes; what decodes encodes back to the very same text
 * (Z85 has one spelling per value, so anything else would mean a value above 32 bits slipped through); any
 * multiple of 4 bytes survives encode then decode; a key option takes exactly 32 bytes or 40 (plus a NUL) of Z85.
 */
class Z85FuzzTest {

    @FuzzTest(maxDuration = "3m")
    void decodesAnyText(FuzzedDataProvider data) {
        boolean asKey = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        try {
            byte[] decoded = Z85.decode(text);
            assertThat(decoded).hasSize(text.length() / 5 * 4);
            assertThat(Z85.encode(decoded)).isEqualTo(text);
        } catch (ZmqException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.EINVAL);
        }
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        if (raw.length % 4 == 0 && raw.length > 0) {
            assertThat(Z85.decode(Z85.encode(raw))).isEqualTo(raw);
        }
        if (asKey) {
            try {
                assertThat(CurveKeyPair.keyBytes("CURVE_SERVERKEY", raw)).hasSize(CurveKeyPair.KEY_SIZE);
            } catch (ZmqException refused) {
                assertThat(refused.code()).isEqualTo(ErrorCode.EINVAL);
            }
        }
    }
}
