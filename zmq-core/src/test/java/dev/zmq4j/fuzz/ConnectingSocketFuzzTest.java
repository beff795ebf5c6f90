package dev.zmq4j.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Context;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * A real zmq4j socket of any type connects over tcp to a bound peer that writes what the fuzzer chose and then
 * closes its side (libzmq's test_connect_null_fuzzer). The peer is a plain {@link ServerSocketChannel} the test owns.
 * Half the inputs start with a valid NULL greeting and a READY of a socket type the zmq4j socket accepts, so that the
 * fuzzer spends its time on what follows the handshake; the others are fuzzed from the first byte. The fuzzer also
 * picks MAXMSGSIZE and RCVHWM (a small one makes the engine stop reading until the socket is drained).
 *
 * <p>Each execution waits, bounded, for the socket's monitor to report DISCONNECTED (the engine saw the end of the
 * stream, or gave up earlier), draining the socket meanwhile as an application would ({@link DrainingApplication}).
 * Reconnecting is off and LINGER is 0, so a closed peer leaves no work behind.
 *
 * <p>What must hold: nothing escapes the API (every call is made in a state where it is allowed, so not even a
 * ZmqException is expected); the I/O threads log no failure; every message arrives whole and no frame from the peer
 * is larger than MAXMSGSIZE; the socket closes, and the one context shared by all executions still closes at the
 * end.
 */
class ConnectingSocketFuzzTest {
    private static final IoThreadFailures FAILURES = IoThreadFailures.install();
    private static final Context CONTEXT = Context.create();
    private static final ServerSocketChannel LISTENER = listener();
    private static final AtomicInteger MONITORS = new AtomicInteger();
    private static final long WAIT_MS = 5_000;
    /** Beyond this the peer writes nothing more, so that its writes always fit the kernel buffers. */
    private static final int MAX_WRITTEN = 64 * 1024;
    /** The zmq4j socket's type, then the peer types it accepts. */
    private static final SocketType[][] PEERS = {
        {SocketType.DEALER, SocketType.ROUTER, SocketType.DEALER, SocketType.REP},
        {SocketType.ROUTER, SocketType.DEALER, SocketType.REQ, SocketType.ROUTER},
        {SocketType.REQ, SocketType.REP, SocketType.ROUTER},
        {SocketType.REP, SocketType.REQ, SocketType.DEALER},
        {SocketType.SUB, SocketType.PUB, SocketType.XPUB},
        {SocketType.PUB, SocketType.SUB, SocketType.XSUB},
        {SocketType.XPUB, SocketType.SUB, SocketType.XSUB},
        {SocketType.XSUB, SocketType.PUB, SocketType.XPUB},
        {SocketType.PUSH, SocketType.PULL},
        {SocketType.PULL, SocketType.PUSH},
        {SocketType.PAIR, SocketType.PAIR},
    };
    /** The default first, then no limit, then limits that stop the engine reading after a message or two. */
    private static final int[] RECEIVE_HWMS = {1000, 0, 1, 2};

    @AfterAll
    static void closeContext() throws IOException {
        LISTENER.close();
        // A socket whose close never completed would hold the context open.
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), CONTEXT::close);
    }

    @FuzzTest(maxDuration = "5m")
    void survivesAnyBoundPeer(FuzzedDataProvider data) throws IOException {
        SocketType[] row = data.pickValue(PEERS);
        SocketType type = row[0];
        SocketType peerType = row[data.consumeInt(1, row.length - 1)];
        long maxMsgSize = data.consumeBoolean() ? -1 : data.consumeLong(0, 300);
        // PUSH never reads its pipe: past RCVHWM its engine would stop reading and never see the peer close.
        int receiveHwm = type == SocketType.PUSH ? 0 : data.pickValue(RECEIVE_HWMS);
        boolean validHandshake = data.consumeBoolean();
        int port = ((InetSocketAddress) LISTENER.getLocalAddress()).getPort();
        String monitorEndpoint = "inproc://connecting-socket-fuzz-" + MONITORS.incrementAndGet();
        // Jazzer reports any connect from instrumented code as SSRF unless told which ones are expected.
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections((host, to) -> to == port);
                Socket socket = CONTEXT.socket(type);
                Socket monitor = CONTEXT.socket(SocketType.PAIR);
                Poller poller = CONTEXT.poller()) {
            socket.set(SocketOption.LINGER, 0);
            socket.set(SocketOption.RECONNECT_IVL, -1);
            socket.set(SocketOption.MAXMSGSIZE, maxMsgSize);
            socket.set(SocketOption.RCVHWM, receiveHwm);
            if (type == SocketType.SUB) {
                socket.set(SocketOption.SUBSCRIBE, new byte[0]);
            }
            // A monitor rather than a listener: its PAIR wakes the poller that also waits for the socket's input.
            socket.monitor(monitorEndpoint, SocketEvent.Type.DISCONNECTED.code());
            monitor.set(SocketOption.LINGER, 0);
            monitor.connect(monitorEndpoint);
            DrainingApplication application = new DrainingApplication(socket, maxMsgSize);
            application.start(data);
            dropStaleConnections();
            socket.connect("tcp://127.0.0.1:" + port);
            try (PeerChannel peer = new PeerChannel(accept())) {
                if (validHandshake) {
                    peer.queue(EngineFuzzTest.handshake(peerType, data.consumeBytes(data.consumeInt(0, 8))));
                }
                int queued = 0;
                while (data.remainingBytes() > 0 && queued < MAX_WRITTEN) {
                    byte[] chunk = data.consumeBytes(data.consumeInt(1, 512));
                    peer.queue(chunk);
                    queued += chunk.length;
                }
                converse(application, peer, monitor, poller);
            }
        }
        FAILURES.rethrowAny();
    }

    /**
     * The peer writes its chunks, then half-closes, while the application drains the socket, until the monitor
     * reports the connection ended.
     */
    private static void converse(DrainingApplication application, PeerChannel peer, Socket monitor, Poller poller) {
        // Registered even when it never receives (PUB, PUSH): polling runs its commands, and only then does a PUB
        // read the peer's subscriptions off its pipe, making room for more, as in libzmq.
        poller.register(application.socket(), application.receives() ? Poller.POLLIN : 0);
        poller.register(monitor, Poller.POLLIN);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        boolean shutDown = false;
        while (!disconnected(monitor)) {
            boolean allWritten = peer.writeSome();
            if (allWritten && !shutDown) {
                peer.shutdownOutput();
                shutDown = true;
            }
            application.drain();
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                FAILURES.rethrowAny();
                throw new AssertionError("a " + application.socket().type() + " saw no DISCONNECTED within "
                        + WAIT_MS + " ms of its peer writing " + peer.written() + " bytes (all written: " + allWritten
                        + ", refused: " + peer.refused() + ") and closing its side");
            }
            // A poller cannot wait for room in the kernel's buffers: with writes pending, look again soon.
            poller.poll(allWritten ? left : 1);
        }
        application.drain();
    }

    /** Whether the monitor has reported DISCONNECTED, the only event it was asked for. */
    private static boolean disconnected(Socket monitor) {
        byte[] header = monitor.recv(Socket.DONTWAIT);
        if (header == null) {
            return false;
        }
        byte[] endpoint = monitor.recv(Socket.DONTWAIT);
        if (header.length != 6 || endpoint == null || monitor.hasMore()) {
            throw new AssertionError("a monitor event must be a 6-byte frame and an endpoint frame");
        }
        int code = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getShort() & 0xFFFF;
        if (code != SocketEvent.Type.DISCONNECTED.code()) {
            throw new AssertionError(
                    "the monitor was asked for DISCONNECTED only, and sent event 0x" + Integer.toHexString(code));
        }
        return true;
    }

    /** A connection left by an earlier execution that failed before accepting it must not pass for this one's. */
    private static void dropStaleConnections() throws IOException {
        LISTENER.configureBlocking(false);
        for (SocketChannel stale = LISTENER.accept(); stale != null; stale = LISTENER.accept()) {
            stale.close();
        }
        LISTENER.configureBlocking(true);
    }

    private static SocketChannel accept() throws IOException {
        try {
            return LISTENER.socket().accept().getChannel();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the zmq4j socket did not connect within " + WAIT_MS + " ms", e);
        }
    }

    private static ServerSocketChannel listener() {
        try {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.socket().setSoTimeout((int) WAIT_MS);
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("binding the peer's listener", e);
        }
    }
}
