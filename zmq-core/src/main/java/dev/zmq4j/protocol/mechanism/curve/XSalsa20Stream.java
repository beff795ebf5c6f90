package dev.zmq4j.protocol.mechanism.curve;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * XSalsa20 as NaCl defines it, on BouncyCastle's Salsa20: the 24-byte nonce's first 16 bytes and the key give a
 * subkey through HSalsa20 ({@link HSalsa20}), and Salsa20 under that subkey with the nonce's last 8 bytes is the
 * keystream. It is what BouncyCastle's {@code XSalsa20Engine} computes, re-keyed without allocating: that class's
 * {@code init} builds parameter objects and a scratch array for every nonce, and CURVE takes a new nonce for every
 * message. Here the engine is initialised once and re-keyed through {@link Salsa20Engine}'s protected
 * {@code setKey} and {@code reset}, which only write its state.
 *
 * <p>Not thread-safe: one per connection's {@link CryptoBox}.
 */
final class XSalsa20Stream extends Salsa20Engine {
    private final byte[] subkey = new byte[32];
    private final byte[] salsaNonce = new byte[8];
    private final HSalsa20 hsalsa20 = new HSalsa20();

    XSalsa20Stream() {
        super(20);
        // Once, so that the engine counts as initialised; every use re-keys it.
        init(true, new ParametersWithIV(new KeyParameter(new byte[32]), new byte[8]));
    }

    /** Starts the keystream of {@code key} and the 24-byte nonce at {@code nonce[nonceOffset]}. */
    void start(byte[] key, byte[] nonce, int nonceOffset) {
        hsalsa20.derive(key, nonce, nonceOffset, subkey);
        System.arraycopy(nonce, nonceOffset + 16, salsaNonce, 0, 8);
        setKey(subkey, salsaNonce);
        reset();
    }

    void destroy() {
        java.util.Arrays.fill(subkey, (byte) 0);
        hsalsa20.destroy();
        start(subkey, new byte[24], 0);
    }
}
