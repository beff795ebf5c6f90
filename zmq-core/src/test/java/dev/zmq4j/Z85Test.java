package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Z85 (32/Z85) with libzmq's tests/test_base85.cpp cases, and CurveKeyPair with libzmq's and czmq's vectors. */
class Z85Test {
    @Test
    void shouldEncodeAndDecodeTheRfcVector() {
        byte[] bytes = HexFormat.of().parseHex("864FD26FB559F75B");
        assertThat(Z85.encode(bytes)).isEqualTo("HelloWorld");
        assertThat(Z85.decode("HelloWorld")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000", "ffffffff", "864fd26fb559f75b0011223344556677"})
    void shouldRoundTrip(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(Z85.decode(Z85.encode(bytes))).isEqualTo(bytes);
    }

    @Test
    void shouldDecodeTheLargestGroupAndRefuseOneAbove() {
        assertThat(Z85.decode("%nSc0")).isEqualTo(new byte[] {-1, -1, -1, -1});
        assertThatThrownBy(() -> Z85.decode("%nSc1"))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("more than 32 bits")
                .hasMessageNotContaining("%nSc1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01234567", "0", "", "#####\u0004", "ab\u0004cd", "ab\u0080cd", "ab\u001fcd"})
    void shouldRefuseBadLengthsAndCharacters(String text) {
        assertThatThrownBy(() -> Z85.decode(text))
                .isInstanceOf(ZmqException.class)
                .extracting(e -> ((ZmqException) e).code())
                .isEqualTo(ErrorCode.EINVAL);
    }

    @Test
    void shouldRefuseToEncodeALengthNotAMultipleOfFour() {
        assertThatThrownBy(() -> Z85.encode(new byte[3])).hasMessageContaining("3 bytes");
    }

    @Test
    void shouldDeriveThePublicKeyOfLibzmqsTestPair() {
        // libzmq tests/test_sodium.cpp (from hintjens.com/blog:45)
        CurveKeyPair pair = CurveKeyPair.fromSecretKey("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs");
        assertThat(pair.publicKeyZ85()).isEqualTo("Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID");
        assertThat(pair.toString()).doesNotContain(pair.secretKeyZ85());
    }

    @Test
    void shouldDeriveCzmqsPublicKeyFromItsRawSecretKey() {
        // czmq src/zauth.c self-test: the raw secret key of its shared certificate, and its public key in Z85
        int[] values = {
            245, 217, 172, 73, 106, 28, 195, 17, 218, 132, 135, 209, 99, 240, 98, 232, 7, 137, 244, 100, 242, 23, 29,
            114, 70, 223, 83, 1, 113, 207, 132, 149
        };
        byte[] secret = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            secret[i] = (byte) values[i];
        }
        assertThat(CurveKeyPair.fromSecretKey(secret).publicKeyZ85())
                .isEqualTo("x?T*N/1Y{8goubv{Ts}#&#f}TXJ//DVe#D2HkoLU");
    }

    @Test
    void shouldGenerateConsistentPairsAndAcceptKeysInEveryForm() {
        CurveKeyPair pair = CurveKeyPair.generate();
        assertThat(CurveKeyPair.fromSecretKey(pair.secretKey()).publicKey()).isEqualTo(pair.publicKey());
        byte[] withNul = (pair.secretKeyZ85() + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(CurveKeyPair.fromSecretKey(withNul)).isEqualTo(pair);
        for (int length : new int[] {2, 31, 33, 41, 123}) {
            byte[] key = new byte[length];
            java.util.Arrays.fill(key, (byte) 'a');
            assertThatThrownBy(() -> CurveKeyPair.keyBytes("CURVE_SECRETKEY", key))
                    .hasMessageContaining("CURVE_SECRETKEY")
                    .hasMessageContaining(length + " bytes");
        }
    }
}
