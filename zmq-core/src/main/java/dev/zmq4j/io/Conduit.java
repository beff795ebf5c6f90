package dev.zmq4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream an engine reads and writes: the connected channel itself, or a layer over it that holds bytes of
 * its own (TLS, which has records to complete, a handshake to drive and alerts to send). The engine's read and write
 * loops go through it and ask it what it holds, so the same loops serve both.
 *
 * <p>Not thread-safe: one per connection, used only on that connection's I/O thread.
 */
public interface Conduit {
    /** Moves bytes into {@code dst}; 0 when none are available now, -1 once the peer has closed. */
    int read(ByteBuffer dst) throws IOException;

    /** Takes bytes from {@code src}, as many as can go now (maybe none). */
    int write(ByteBuffer src) throws IOException;

    /** Writes what the conduit holds of its own; true when nothing is left waiting for the channel. */
    boolean flush() throws IOException;

    /** Whether it holds bytes for the reader that the channel's readiness will not announce. */
    boolean hasBufferedInput();

    /**
     * Whether {@link #write} can take application bytes now; false while a handshake waits for the peer, when
     * waiting for writability would only spin.
     */
    boolean acceptsOutput();

    /** Says goodbye on the protocol's own level, if it has one (a TLS close_notify); best effort, never throws. */
    void closeOutbound();

    /** The channel itself, with nothing of its own to buffer. */
    static Conduit of(SocketChannel channel) {
        return new Conduit() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return channel.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public boolean flush() {
                return true;
            }

            @Override
            public boolean hasBufferedInput() {
                return false;
            }

            @Override
            public boolean acceptsOutput() {
                return true;
            }

            @Override
            public void closeOutbound() {}
        };
    }
}
