package dev.zmq4j.engine;

import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Lets the fuzz targets (package {@code dev.zmq4j.fuzz}) play a hostile peer against a {@link ZmtpEngine} in an
 * {@link EngineHarness}: the bytes go over a real loopback connection, the engine's loop is stepped on the calling
 * thread, and what the engine did is reported. Unlike {@link EngineHarness#peerWrites}, a write the engine refuses
 * (it closed the connection) ends the feeding instead of failing.
 *
 * <p>Not thread-safe: one caller thread.
 */
public final class EngineFuzzDriver implements AutoCloseable {
    private static final Field WIRE = field(ZmtpEngine.class, "wire");
    private static final Field DECODER = field(ZmtpWire.class, "decoder");
    /** Steps allowed for one piece to be written; each waits at most a few milliseconds for the engine to read. */
    private static final int MAX_WRITE_STEPS = 2_000;

    private final EngineHarness harness = new EngineHarness();
    private final ZmtpEngine engine;
    private long written;
    private boolean refused;

    /** An engine as a socket of {@code type} would have, with this MAXMSGSIZE (negative: none). */
    public EngineFuzzDriver(SocketType type, long maxMsgSize) {
        this(type, maxMsgSize, false);
    }

    /** The same, over WebSocket when {@code webSocket}: the engine of a connection accepted on {@code ws://}. */
    public EngineFuzzDriver(SocketType type, long maxMsgSize, boolean webSocket) {
        Options options = EngineHarness.options(type);
        options.maxMessageSize = maxMsgSize;
        engine = webSocket ? harness.ws(options) : harness.zmtp(options);
    }

    /** The peer writes {@code bytes}, stepping the engine until they are taken or the engine closed; false then. */
    public boolean peerWrites(byte[] bytes) {
        if (refused) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int step = 0; buffer.hasRemaining() && step < MAX_WRITE_STEPS; step++) {
            try {
                written += harness.peer.write(buffer);
            } catch (IOException closedByEngine) {
                refused = true;
                return false;
            }
            harness.runPending();
            harness.unreadFromEngine();
            if (closed()) {
                refused = true;
                return false;
            }
        }
        harness.runPending();
        return !closed();
    }

    /** Steps the engine until it finds nothing more to do. */
    public void settle() {
        harness.runPending();
        harness.unreadFromEngine();
        harness.runPending();
    }

    /** Whether the engine gave up the connection (told its host). */
    public boolean closed() {
        return harness.host.errorCount() > 0;
    }

    /** How many times the engine told its host it gave up: never more than once. */
    public int closeCount() {
        return harness.host.errorCount();
    }

    public boolean handshakeSucceeded() {
        return harness.host.readyCount() > 0;
    }

    public int readyCount() {
        return harness.host.readyCount();
    }

    /** Bytes the peer managed to write. */
    public long written() {
        return written;
    }

    /** Body bytes of every frame the engine handed its host. */
    public long receivedBytes() {
        long total = 0;
        for (Frame frame : harness.host.received()) {
            total += frame.size();
        }
        return total;
    }

    /** The engine's frame decoder, to check how much it holds; over ZMTP's own wire only. */
    public FrameDecoder decoder() {
        try {
            return (FrameDecoder) DECODER.get(WIRE.get(engine));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        harness.close();
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(
                    owner.getSimpleName() + " has no field " + name + ": update EngineFuzzDriver", e);
        }
    }
}
