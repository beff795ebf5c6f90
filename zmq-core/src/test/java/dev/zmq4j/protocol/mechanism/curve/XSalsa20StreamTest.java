package dev.zmq4j.protocol.mechanism.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/** The keystream built on BouncyCastle's Salsa20 block function, byte for byte against its XSalsa20Engine. */
class XSalsa20StreamTest {
    private static byte[] engineKeystreamXor(byte[] key, byte[] nonce, byte[] message) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] out = new byte[message.length];
        engine.processBytes(message, 0, message.length, out, 0);
        return out;
    }

    @Test
    void shouldMatchXSalsa20EngineHoweverTheStreamIsCut() {
        Random random = new Random(20);
        XSalsa20Stream stream = new XSalsa20Stream();
        for (int trial = 0; trial < 200; trial++) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[24];
            random.nextBytes(key);
            random.nextBytes(nonce);
            byte[] message = new byte[random.nextInt(1000)];
            random.nextBytes(message);
            byte[] expected = engineKeystreamXor(key, nonce, message);

            // At an offset, in pieces of any length, so that pieces start and end inside and across blocks.
            byte[] nonceAt = new byte[30];
            System.arraycopy(nonce, 0, nonceAt, 3, 24);
            stream.start(key, nonceAt, 3);
            byte[] out = new byte[message.length + 5];
            int done = 0;
            while (done < message.length) {
                int piece = Math.min(message.length - done, random.nextInt(150));
                stream.xor(message, done, piece, out, done + 5);
                done += piece;
            }
            assertThat(Arrays.copyOfRange(out, 5, out.length))
                    .as("trial %d, %d bytes", trial, message.length)
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldWorkInPlaceAndStartAfreshOnEveryStart() {
        Random random = new Random(21);
        byte[] key = new byte[32];
        byte[] nonce = new byte[24];
        random.nextBytes(key);
        random.nextBytes(nonce);
        byte[] message = new byte[777];
        random.nextBytes(message);
        byte[] expected = engineKeystreamXor(key, nonce, message);
        XSalsa20Stream stream = new XSalsa20Stream();
        stream.start(key, nonce, 0);
        stream.xor(new byte[100], 0, 100, new byte[100], 0);

        byte[] inPlace = message.clone();
        stream.start(key, nonce, 0);
        stream.xor(inPlace, 0, 13, inPlace, 0);
        stream.xor(inPlace, 13, inPlace.length - 13, inPlace, 13);
        assertThat(inPlace).isEqualTo(expected);
    }
}
