package dev.zmq4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The fuzzed peer's end of one loopback connection to a real zmq4j socket: it writes the chunks the fuzzer chose, one
 * {@code write} each (TCP_NODELAY, so that small chunks are not merged before they leave), and never blocks doing so.
 * A zmq4j socket whose pipe is full stops its engine reading; a blocking write would then wait for the caller to
 * drain the socket, which the caller cannot do while it waits. So {@link #writeSome} writes what the kernel takes
 * and returns, and the caller drains the socket between calls.
 *
 * <p>Not thread-safe: one caller thread.
 */
final class PeerChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private long written;
    private boolean refused;

    PeerChannel(SocketChannel channel) {
        this.channel = channel;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            throw new UncheckedIOException("setting up the peer's channel", e);
        }
    }

    /** Adds a chunk to write after those added before. */
    void queue(byte[] chunk) {
        if (chunk.length > 0) {
            chunks.add(ByteBuffer.wrap(chunk));
        }
    }

    /**
     * Writes queued chunks until the kernel takes no more; true when nothing is left to write, either because all was
     * written or because the zmq4j side closed the connection (see {@link #refused}).
     */
    boolean writeSome() {
        while (!chunks.isEmpty() && !refused) {
            ByteBuffer head = chunks.peek();
            try {
                written += channel.write(head);
            } catch (IOException closedByTheOtherSide) {
                refused = true;
                break;
            }
            if (head.hasRemaining()) {
                // Kernel buffers full: the engine has stopped reading until its socket is drained.
                return false;
            }
            chunks.poll();
        }
        return true;
    }

    /** Bytes the kernel took. */
    long written() {
        return written;
    }

    /** Whether a write failed because the zmq4j side had closed (or reset) the connection. */
    boolean refused() {
        return refused;
    }

    /**
     * Half-closes: the engine reads a clean end of stream (a FIN, not the RST a close with unread input could send)
     * after every byte written.
     */
    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException closedByTheOtherSide) {
            refused = true;
        }
    }

    /**
     * Reads until {@code count} bytes came, the stream ended or {@code timeoutMillis} passed; returns what came. Waits
     * on a selector: the zmq4j engine writes whether or not its socket is drained, so nothing else needs doing
     * meanwhile.
     */
    byte[] read(int count, long timeoutMillis) throws IOException {
        ByteBuffer into = ByteBuffer.allocate(count);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (into.hasRemaining()) {
                if (channel.read(into) < 0) {
                    break;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (into.hasRemaining()) {
                    if (left <= 0) {
                        break;
                    }
                    selector.select(left);
                    selector.selectedKeys().clear();
                }
            }
        }
        byte[] data = new byte[into.position()];
        into.flip().get(data);
        return data;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
