package dev.zmq4j.io.tls;

import dev.zmq4j.io.Conduit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS over a connected channel with the JDK's {@link SSLEngine}, for {@code wss://}. The engine above reads and
 * writes plaintext; records are unwrapped and wrapped here, and the TLS handshake runs as the bytes arrive, driven by
 * the engine's own reads and writes (so the engine's HANDSHAKE_IVL bounds it too).
 *
 * <p>Three buffers of one TLS record each: records read and not yet unwrapped, plaintext unwrapped and not yet taken
 * by the reader, and records wrapped and not yet taken by the kernel. Because the first two hold bytes the selector
 * knows nothing about, the engine asks {@link #hasBufferedInput()} before it waits for readability.
 *
 * <p>Delegated tasks (the certificate checks and key exchange) run on the I/O thread, once per handshake.
 *
 * <p>Not thread-safe: one per connection, used only on its I/O thread.
 */
public final class TlsConduit implements Conduit {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Records read from the channel, not yet unwrapped; write mode. */
    private ByteBuffer netIn;
    /** Plaintext unwrapped, not yet taken by the reader; read mode. */
    private ByteBuffer appIn;
    /** Records wrapped, not yet taken by the channel; read mode. */
    private ByteBuffer netOut;

    private boolean begun;
    private boolean peerClosed;

    public TlsConduit(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize())
                .flip();
        netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        if (handshaking()) {
            handshake();
            if (handshaking()) {
                return peerClosed ? -1 : 0;
            }
        }
        while (dst.hasRemaining()) {
            if (appIn.hasRemaining()) {
                moveInto(dst);
            } else if (peerClosed || !unwrap()) {
                break;
            } else if (handshaking()) {
                // A message after the handshake that needs an answer (a TLS 1.3 key update).
                handshake();
            }
        }
        int count = dst.position() - start;
        return count == 0 && peerClosed ? -1 : count;
    }

    private void moveInto(ByteBuffer dst) {
        int count = Math.min(dst.remaining(), appIn.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + count);
        dst.put(appIn);
        appIn.limit(limit);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!flush() || handshaking()) {
            return 0;
        }
        int consumed = 0;
        while (src.hasRemaining()) {
            SSLEngineResult result = wrap(src);
            consumed += result.bytesConsumed();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS is closed for writing");
            }
            if (!writeNet() || result.bytesConsumed() == 0) {
                break;
            }
        }
        return consumed;
    }

    @Override
    public boolean flush() throws IOException {
        if (!writeNet()) {
            return false;
        }
        if (handshaking()) {
            handshake();
        }
        return !netOut.hasRemaining();
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn.hasRemaining() || netIn.position() > 0;
    }

    @Override
    public boolean acceptsOutput() {
        return begun && !handshaking();
    }

    @Override
    public void closeOutbound() {
        try {
            engine.closeOutbound();
            if (!netOut.hasRemaining()) {
                wrap(NOTHING);
            }
            writeNet();
        } catch (IOException | RuntimeException e) {
            // The connection is going anyway: the peer then sees the end of the stream without close_notify.
        }
    }

    private boolean handshaking() {
        if (!begun) {
            return true;
        }
        HandshakeStatus status = engine.getHandshakeStatus();
        return status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
    }

    /** Drives the handshake as far as the bytes at hand and the channel's room allow. */
    private void handshake() throws IOException {
        if (!begun) {
            begun = true;
            engine.beginHandshake();
        }
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK:
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    break;
                case NEED_WRAP:
                    if (!writeNet()) {
                        return;
                    }
                    wrap(NOTHING);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (peerClosed || !unwrap()) {
                        writeNet();
                        return;
                    }
                    break;
                default:
                    writeNet();
                    return;
            }
        }
    }

    /**
     * Unwraps the next record into {@link #appIn}, reading from the channel when the record is incomplete; false
     * when nothing could be unwrapped now (the record is not all here, the reader must take plaintext first, or the
     * peer has closed).
     */
    private boolean unwrap() throws IOException {
        while (true) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
                appIn.flip();
            }
            switch (result.getStatus()) {
                case OK:
                    // Nothing consumed means the engine wants to wrap or run a task first.
                    return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
                case CLOSED:
                    peerClosed = true;
                    return false;
                case BUFFER_OVERFLOW:
                    if (appIn.hasRemaining()) {
                        return false;
                    }
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize())
                            .flip();
                    break;
                default: // BUFFER_UNDERFLOW: the record is not all here
                    if (!netIn.hasRemaining()) {
                        // The buffer holds the largest record TLS allows; a peer claiming more is refused.
                        throw new SSLException("a TLS record larger than " + netIn.capacity() + " bytes");
                    }
                    int count = channel.read(netIn);
                    if (count < 0) {
                        peerClosed = true;
                        return false;
                    }
                    if (count == 0) {
                        return false;
                    }
            }
        }
    }

    /** Wraps what of {@code src} fits in one record into {@link #netOut}, which must be empty. */
    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        while (true) {
            netOut.compact();
            SSLEngineResult result;
            try {
                result = engine.wrap(src, netOut);
            } finally {
                netOut.flip();
            }
            if (result.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return result;
            }
            // The negotiated session allows larger records than the buffer was made for.
            int size = engine.getSession().getPacketBufferSize();
            if (size <= netOut.capacity()) {
                throw new SSLException("no room for a TLS record in " + netOut.capacity() + " bytes");
            }
            netOut = ByteBuffer.allocate(size).flip();
        }
    }

    /** Writes the wrapped records to the channel; true when all are written. */
    private boolean writeNet() throws IOException {
        if (netOut.hasRemaining()) {
            channel.write(netOut);
        }
        return !netOut.hasRemaining();
    }
}
