package dev.zmq4j.protocol.mechanism.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NaCl's box and secretbox from BouncyCastle's primitives, against libsodium's own test vectors. */
class CryptoBoxTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 7748 section 6.1, as libsodium's test/default/box.c uses them. */
    private static final byte[] ALICE_SECRET =
            HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

    private static final byte[] BOB_PUBLIC =
            HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] NONCE = HEX.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    /** box.c's message (its 32 leading zero bytes left out). */
    private static final byte[] MESSAGE = HEX.parseHex(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705");
    /** box.exp: bytes 16 to 162 of NaCl's box, that is the tag and the ciphertext. */
    private static final byte[] BOXED = HEX.parseHex(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5");
    /** libsodium test/default/box.c: a point of small order. */
    private static final byte[] SMALL_ORDER =
            HEX.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

    @Test
    void shouldPrecomputeTheSharedKeyAsCryptoBoxBeforenm() {
        byte[] shared = new byte[32];
        assertThat(CryptoBox.sharedKey(ALICE_SECRET, BOB_PUBLIC, shared)).isTrue();
        // secretbox.c's "firstkey", HSalsa20 of the X25519 result 4a5d9d5b... (scalarmult5.c)
        assertThat(HEX.formatHex(shared)).isEqualTo("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    }

    @Test
    void shouldSealLibsodiumsBoxVector() {
        byte[] shared = new byte[32];
        CryptoBox.sharedKey(ALICE_SECRET, BOB_PUBLIC, shared);
        byte[] out = new byte[MESSAGE.length + CryptoBox.TAG_BYTES];
        new CryptoBox().seal(shared, NONCE, 0, MESSAGE, 0, MESSAGE.length, out, 0);
        assertThat(HEX.formatHex(out)).isEqualTo(HEX.formatHex(BOXED));
    }

    @Test
    void shouldOpenTheVectorAndRefuseEveryFlippedByte() {
        byte[] shared = new byte[32];
        CryptoBox.sharedKey(ALICE_SECRET, BOB_PUBLIC, shared);
        CryptoBox box = new CryptoBox();
        byte[] plain = new byte[MESSAGE.length];
        assertThat(box.open(shared, NONCE, 0, BOXED, 0, BOXED.length, plain, 0)).isTrue();
        assertThat(plain).isEqualTo(MESSAGE);

        for (int i = 0; i < BOXED.length; i++) {
            byte[] forged = BOXED.clone();
            forged[i] ^= 0x01;
            byte[] untouched = new byte[MESSAGE.length];
            assertThat(box.open(shared, NONCE, 0, forged, 0, forged.length, untouched, 0))
                    .as("byte %d flipped", i)
                    .isFalse();
            assertThat(untouched).as("nothing written for a forged box").containsOnly(0);
        }
        assertThat(box.open(shared, NONCE, 0, BOXED, 0, 15, plain, 0))
                .as("shorter than a tag")
                .isFalse();
    }

    @Test
    void shouldRefuseKeysThatGiveNoSharedSecretWithoutThrowing() {
        byte[] shared = new byte[32];
        Arrays.fill(shared, (byte) 7);
        assertThat(CryptoBox.sharedKey(ALICE_SECRET, SMALL_ORDER, shared)).isFalse();
        assertThat(shared).containsOnly(0);
        assertThat(CryptoBox.sharedKey(ALICE_SECRET, new byte[32], shared)).isFalse();
    }

    @Test
    void shouldRoundTripEveryLengthAtAnyOffset() {
        Random random = new Random(42);
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] nonce = new byte[40];
        random.nextBytes(nonce);
        CryptoBox box = new CryptoBox();
        for (int length : lengths()) {
            byte[] message = new byte[length + 3];
            random.nextBytes(message);
            byte[] sealed = new byte[length + CryptoBox.TAG_BYTES + 5];
            box.seal(key, nonce, 7, message, 3, length, sealed, 5);
            byte[] opened = new byte[length + 1];
            assertThat(box.open(key, nonce, 7, sealed, 5, length + CryptoBox.TAG_BYTES, opened, 1))
                    .as("length %d", length)
                    .isTrue();
            assertThat(Arrays.copyOfRange(opened, 1, length + 1)).isEqualTo(Arrays.copyOfRange(message, 3, length + 3));
        }
    }

    @Test
    void shouldSealUnderASubkeyExactlyAsUnderTheKeyAndTheWholeNonce() {
        Random random = new Random(43);
        byte[] key = new byte[32];
        random.nextBytes(key);
        CryptoBox box = new CryptoBox();
        byte[] subkey = new byte[32];
        box.subkey(key, NONCE, 0, subkey);
        for (int length : new int[] {0, 1, 31, 32, 33, 64, 65, 1000}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            byte[] expected = new byte[length + CryptoBox.TAG_BYTES];
            box.seal(key, NONCE, 0, message, 0, length, expected, 0);
            byte[] sealed = new byte[length + CryptoBox.TAG_BYTES];
            box.sealUnderSubkey(subkey, NONCE, 16, message, 0, length, sealed, 0);
            assertThat(sealed).as("length %d", length).isEqualTo(expected);
            byte[] opened = new byte[length];
            assertThat(box.openUnderSubkey(subkey, NONCE, 16, sealed, 0, sealed.length, opened, 0))
                    .isTrue();
            assertThat(opened).isEqualTo(message);
            if (length > 0) {
                sealed[CryptoBox.TAG_BYTES + length / 2] ^= 1;
                assertThat(box.openUnderSubkey(subkey, NONCE, 16, sealed, 0, sealed.length, opened, 0))
                        .isFalse();
            }
        }
    }

    private static int[] lengths() {
        int[] lengths = new int[305];
        for (int i = 0; i <= 300; i++) {
            lengths[i] = i;
        }
        lengths[301] = 4095;
        lengths[302] = 8192;
        lengths[303] = 65_537;
        lengths[304] = 1_000_000;
        return lengths;
    }

    /**
     * Sealing and opening reuse everything: measured with the JVM's per-thread allocation counter over many calls
     * after a warm-up, an allocation check and not a timing one. The bound (a few bytes a call on average) leaves
     * room for the counter's own noise, never for a buffer or a parameter object per call.
     */
    @Test
    void shouldAllocateNothingPerSealOrOpen() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] key = new byte[32];
        byte[] nonce = new byte[24];
        byte[] message = new byte[8192];
        byte[] sealed = new byte[8192 + CryptoBox.TAG_BYTES];
        byte[] opened = new byte[8192];
        CryptoBox box = new CryptoBox();
        for (int i = 0; i < 20_000; i++) {
            nonce[0] = (byte) i;
            box.seal(key, nonce, 0, message, 0, 1024, sealed, 0);
            box.open(key, nonce, 0, sealed, 0, 1024 + CryptoBox.TAG_BYTES, opened, 0);
        }
        long thread = Thread.currentThread().getId();
        int calls = 10_000;
        long fewest = Long.MAX_VALUE;
        // The lowest of a few rounds: one round may catch the JIT swapping compiled code in.
        for (int round = 0; round < 3; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            int opens = 0;
            for (int i = 0; i < calls; i++) {
                nonce[1] = (byte) i;
                box.seal(key, nonce, 0, message, 0, 8192, sealed, 0);
                opens += box.open(key, nonce, 0, sealed, 0, sealed.length, opened, 0) ? 1 : 0;
            }
            fewest = Math.min(fewest, (threads.getThreadAllocatedBytes(thread) - before) / calls);
            assertThat(opens).isEqualTo(calls);
        }
        long perCall = fewest;
        assertThat(perCall).as("bytes allocated per seal and open").isLessThan(16);
    }
}
