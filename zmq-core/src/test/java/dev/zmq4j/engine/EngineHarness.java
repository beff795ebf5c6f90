package dev.zmq4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.SteppedLoop;
import dev.zmq4j.msg.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One engine on a real loopback tcp connection, its I/O thread stepped by hand on the test thread (the way Netty's
 * EmbeddedChannel and Aeron's duty cycles are driven), with a {@link RecordingHost}: a test writes exact bytes as the
 * peer, steps the loop, and sees exactly the frames, events and bytes that come out.
 *
 * <p>Every wait is bounded by {@link SteppedLoop#WAIT_MILLIS} and fails with what it was waiting for; nothing sleeps. Not
 * thread-safe: one test thread.
 */
final class EngineHarness implements AutoCloseable {

    private final SteppedLoop stepped = new SteppedLoop("engine-harness");
    final IoThread loop = stepped.thread();
    final RecordingHost host = new RecordingHost();
    /** The test's end of the connection (the peer), non-blocking. */
    final SocketChannel peer;
    /** The engine's end. */
    final SocketChannel engineSide;

    final String endpoint;
    private Engine engine;
    private final ByteArrayOutputStream fromEngine = new ByteArrayOutputStream();
    private boolean peerSawEnd;
    private boolean peerReading = true;

    EngineHarness() {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            peer = SocketChannel.open(server.getLocalAddress());
            engineSide = server.accept();
            engineSide.configureBlocking(false);
            peer.configureBlocking(false);
            // No Nagle delay on the test's side: what the peer writes reaches the engine at once.
            peer.setOption(StandardSocketOptions.TCP_NODELAY, true);
            engineSide.setOption(StandardSocketOptions.TCP_NODELAY, true);
            endpoint = "tcp://" + ((InetSocketAddress) server.getLocalAddress()).getHostString() + ":"
                    + ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback connection", e);
        }
    }

    /** Options as a socket of {@code type} would give its engines (see {@code SocketFactory}). */
    static Options options(SocketType type) {
        Options options = new Options();
        options.type = type;
        options.announcesRoutingId = type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER;
        options.receivesRoutingId = type == SocketType.ROUTER || type == SocketType.REP;
        return options;
    }

    ZmtpEngine zmtp(Options options) {
        return plug(new ZmtpEngine(engineSide, null, options, endpoint));
    }

    /** A ZMTP engine over WebSocket, as a bound ws socket's accepted connection has. */
    ZmtpEngine ws(Options options) {
        return plug(new ZmtpEngine(engineSide, null, options, endpoint, WsWire.server(options)));
    }

    RawEngine raw(Options options) {
        return plug(new RawEngine(engineSide, null, options, endpoint));
    }

    <E extends Engine> E plug(E engine) {
        this.engine = engine;
        engine.plug(loop, host);
        runPending();
        return engine;
    }

    Engine engine() {
        return engine;
    }

    /** Steps the loop until it finds nothing to do right now. */
    void runPending() {
        stepped.runPending();
    }

    /** Steps the loop until the host has made at least {@code count} received frames visible. */
    List<Frame> awaitFlushed(int count) {
        runUntil(() -> host.flushed().size() >= count, count + " frames delivered to the host");
        return host.flushed();
    }

    /** Steps the loop, reading what the engine sends, until {@code condition} holds; bounded. */
    void runUntil(BooleanSupplier condition, String what) {
        runUntil(condition, () -> what);
    }

    private void runUntil(BooleanSupplier condition, Supplier<String> what) {
        stepped.runUntil(
                condition,
                this::collectFromEngine,
                () -> what.get() + "; events " + host.recordedEvents() + ", received " + host.received());
    }

    /** The peer writes these bytes, all of them (the engine's side reads as the loop is stepped). */
    void peerWrites(byte[]... parts) {
        for (byte[] part : parts) {
            ByteBuffer buffer = ByteBuffer.wrap(part);
            runUntil(
                    () -> {
                        try {
                            peer.write(buffer);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return !buffer.hasRemaining();
                    },
                    "the peer to write " + part.length + " bytes");
        }
        runPending();
    }

    /** The next {@code count} bytes the engine sent, waiting for them while stepping the loop. */
    byte[] peerReads(int count) {
        runUntil(
                () -> {
                    if (fromEngine.size() < count && peerSawEnd) {
                        throw new AssertionError("the engine closed the connection after sending " + fromEngine.size()
                                + " bytes; expected " + count);
                    }
                    return fromEngine.size() >= count;
                },
                () -> count + " bytes from the engine (have " + fromEngine.size() + ")");
        byte[] all = fromEngine.toByteArray();
        fromEngine.reset();
        fromEngine.write(all, count, all.length - count);
        byte[] head = new byte[count];
        System.arraycopy(all, 0, head, 0, count);
        return head;
    }

    /** Exactly these bytes come next from the engine. */
    void peerReceives(byte[] expected) {
        assertThat(peerReads(expected.length)).isEqualTo(expected);
    }

    /**
     * The next ZMTP frame the engine sent, read header first: MORE and COMMAND as {@link Frame} flags, the body
     * owned.
     */
    Frame peerReadsFrame() {
        int wireFlags = peerReads(1)[0] & 0xFF;
        long size;
        if ((wireFlags & 0x02) != 0) {
            size = ByteBuffer.wrap(peerReads(8)).getLong();
        } else {
            size = peerReads(1)[0] & 0xFF;
        }
        int flags = ((wireFlags & 0x01) != 0 ? Frame.MORE : 0) | ((wireFlags & 0x04) != 0 ? Frame.COMMAND : 0);
        return new Frame(peerReads(Math.toIntExact(size)), flags);
    }

    /** The bytes the engine sent that no {@link #peerReads} took yet (after reading what has arrived). */
    int unreadFromEngine() {
        collectFromEngine();
        return fromEngine.size();
    }

    /** The engine closes the connection: the peer reads the end of the stream (after any bytes still unread). */
    void peerSeesClose() {
        runUntil(() -> peerSawEnd, "the engine to close the connection");
    }

    /** Reads what the peer can read now, without blocking; at most a limited amount per call. */
    private void collectFromEngine() {
        if (peerSawEnd || !peerReading) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            int read = peer.read(buffer);
            if (read < 0) {
                peerSawEnd = true;
            } else {
                fromEngine.write(buffer.array(), 0, read);
            }
        } catch (IOException e) {
            // A reset counts as the end: the engine closed with data unread.
            peerSawEnd = true;
        }
    }

    /** The peer stops reading what the engine sends, so the engine's socket buffers fill up. */
    void peerStopsReading() {
        peerReading = false;
    }

    void peerResumesReading() {
        peerReading = true;
    }

    @Override
    public void close() throws IOException {
        if (engine != null) {
            engine.terminate();
        }
        peer.close();
        engineSide.close();
        stepped.close();
    }
}
