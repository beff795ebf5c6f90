package dev.zmq4j.perf.jmh;

import dev.zmq4j.protocol.mechanism.curve.CryptoBox;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What CURVE costs per message: {@link CryptoBox#seal} and {@link CryptoBox#open} under a precomputed key, as the
 * CURVE mechanism calls them for every MESSAGE command, with the nonce changing each call as the message counter
 * makes it. Checks the "allocates nothing per call" promise of {@link CryptoBox} with {@code -prof gc}
 * (gc.alloc.rate.norm should be 0 B/op): BouncyCastle's XSalsa20Engine, re-initialised per nonce, would allocate.
 *
 * <ul>
 *   <li>{@code seal}: box {@code size} bytes (the tag and the ciphertext, {@code size + 16} bytes out);
 *   <li>{@code open}: check the tag of such a box and decrypt it (the box is opened under the nonce it was sealed
 *       with, which stays the same: a box is bound to its nonce);
 *   <li>{@code sealUnderSubkey}: the same box as a CURVE MESSAGE is sealed, under the subkey its connection makes
 *       once for the nonce prefix (one Salsa20 block fewer per box than {@code seal});
 *   <li>{@code poly1305}: BouncyCastle's Poly1305 alone over {@code size} bytes (init, update, final), the part of
 *       a box no keystream change can speed up;
 *   <li>{@code sealWithXSalsa20Engine}: the baseline, the same box the plain way, with BouncyCastle's
 *       XSalsa20Engine and Poly1305 keyed through new parameter objects per message (what a straightforward port
 *       does), to show what {@link CryptoBox} avoids.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CryptoBoxBenchmark {
    @Param({"64", "1024", "8192"})
    public int size;

    private final CryptoBox box = new CryptoBox();
    private final byte[] key = new byte[CryptoBox.KEY_BYTES];
    private final byte[] sealNonce = new byte[CryptoBox.NONCE_BYTES];
    private final byte[] openNonce = new byte[CryptoBox.NONCE_BYTES];
    private byte[] message;
    private byte[] sealed;
    private byte[] sealedForOpen;
    private byte[] opened;
    private long counter;
    private final Poly1305 mac = new Poly1305();
    private final KeyParameter macKey = new KeyParameter(new byte[32]);
    private final byte[] tag = new byte[CryptoBox.TAG_BYTES];
    private final byte[] subkey = new byte[CryptoBox.KEY_BYTES];

    @Setup
    public void setUp() {
        Random random = new Random(26);
        random.nextBytes(key);
        random.nextBytes(sealNonce);
        random.nextBytes(openNonce);
        message = new byte[size];
        random.nextBytes(message);
        sealed = new byte[CryptoBox.TAG_BYTES + size];
        sealedForOpen = new byte[CryptoBox.TAG_BYTES + size];
        opened = new byte[size];
        box.seal(key, openNonce, 0, message, 0, size, sealedForOpen, 0);
        box.subkey(key, sealNonce, 0, subkey);
    }

    @Benchmark
    public byte[] seal() {
        // The low byte of the nonce's counter part, as CURVE's short nonce moves on with every message.
        sealNonce[CryptoBox.NONCE_BYTES - 1] = (byte) ++counter;
        box.seal(key, sealNonce, 0, message, 0, size, sealed, 0);
        return sealed;
    }

    @Benchmark
    public byte[] sealWithXSalsa20Engine() {
        sealNonce[CryptoBox.NONCE_BYTES - 1] = (byte) ++counter;
        XSalsa20Engine cipher = new XSalsa20Engine();
        cipher.init(true, new ParametersWithIV(new KeyParameter(key), sealNonce));
        byte[] macKey = new byte[32];
        cipher.processBytes(macKey, 0, macKey.length, macKey, 0);
        cipher.processBytes(message, 0, size, sealed, CryptoBox.TAG_BYTES);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(sealed, CryptoBox.TAG_BYTES, size);
        mac.doFinal(sealed, 0);
        return sealed;
    }

    @Benchmark
    public byte[] sealUnderSubkey() {
        sealNonce[CryptoBox.NONCE_BYTES - 1] = (byte) ++counter;
        box.sealUnderSubkey(subkey, sealNonce, 16, message, 0, size, sealed, 0);
        return sealed;
    }

    @Benchmark
    public byte[] poly1305() {
        macKey.getKey()[0] = (byte) ++counter;
        mac.init(macKey);
        mac.update(message, 0, size);
        mac.doFinal(tag, 0);
        return tag;
    }

    @Benchmark
    public boolean open() {
        return box.open(key, openNonce, 0, sealedForOpen, 0, sealedForOpen.length, opened, 0);
    }
}
