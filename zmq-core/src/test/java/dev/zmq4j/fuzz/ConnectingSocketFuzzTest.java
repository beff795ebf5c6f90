package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/**
 * A real zmq4j socket that connects to a bound peer which writes what the fuzzer gives (libzmq's
 * test_connect_null_fuzzer): one connection per input, over loopback, through the whole stack (connecter,
 * session, engine, pipes, the socket type's routing). Half the inputs start with a valid NULL greeting and the
 * READY of a compatible socket type, so that the fuzzer reaches the frames that follow the handshake. The peer
 * closes once it has written everything.
 *
 * <p>What must hold: the socket sees the connection end (DISCONNECTED) in bounded time, whatever came before;
 * what it received can be read through the public API without an exception, every message whole; the I/O thread
 * logs no failure; the context serves the next input.
 */
class ConnectingSocketFuzzTest {
    private static final IoThreadFailures FAILURES = IoThreadFailures.install();
    private static final int TIMEOUT_MS = 5_000;
    private static final Context CONTEXT = Context.create(1);

    static {
        // The socket under test connects, from its I/O thread, to the peer this class binds on the loopback: not
        // the request forgery Jazzer's detector reports for any connect in fuzzing mode. Allowed for good.
        BugDetectors.allowNetworkConnections((host, port) ->
                InetAddress.getLoopbackAddress().getHostAddress().equals(host) || "localhost".equals(host));
    }
    /** zmq4j's socket type, and a peer type it accepts. */
    private static final Map<SocketType, SocketType> PEERS = Map.ofEntries(
            Map.entry(SocketType.DEALER, SocketType.ROUTER),
            Map.entry(SocketType.ROUTER, SocketType.DEALER),
            Map.entry(SocketType.REQ, SocketType.REP),
            Map.entry(SocketType.REP, SocketType.REQ),
            Map.entry(SocketType.SUB, SocketType.PUB),
            Map.entry(SocketType.PUB, SocketType.SUB),
            Map.entry(SocketType.XSUB, SocketType.XPUB),
            Map.entry(SocketType.XPUB, SocketType.XSUB),
            Map.entry(SocketType.PULL, SocketType.PUSH),
            Map.entry(SocketType.PUSH, SocketType.PULL),
            Map.entry(SocketType.PAIR, SocketType.PAIR));

    private static final SocketType[] TYPES = PEERS.keySet().stream().sorted().toArray(SocketType[]::new);

    @AfterAll
    static void close() {
        CONTEXT.close();
    }

    @FuzzTest(maxDuration = "5m")
    void survivesAnyBoundPeer(FuzzedDataProvider data) throws IOException, InterruptedException {
        SocketType type = data.pickValue(TYPES);
        long maxMsgSize = data.consumeBoolean() ? -1 : data.consumeLong(0, 1 << 16);
        boolean validHandshake = data.consumeBoolean();
        CountDownLatch disconnected = new CountDownLatch(1);
        try (ServerSocket peerListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = CONTEXT.socket(type)) {
            peerListener.setSoTimeout(TIMEOUT_MS);
            socket.set(SocketOption.LINGER, 0);
            socket.set(SocketOption.RECONNECT_IVL, -1);
            socket.set(SocketOption.MAXMSGSIZE, maxMsgSize);
            if (type == SocketType.SUB) {
                socket.set(SocketOption.SUBSCRIBE, new byte[0]);
            }
            socket.addEventListener(event -> disconnected.countDown(), SocketEvent.Type.DISCONNECTED.code());
            socket.connect("tcp://127.0.0.1:" + peerListener.getLocalPort());
            try (java.net.Socket peer = peerListener.accept()) {
                OutputStream out = peer.getOutputStream();
                try {
                    if (validHandshake) {
                        out.write(EngineFuzzTest.handshake(PEERS.get(type), data.consumeBytes(data.consumeInt(0, 8))));
                    }
                    while (data.remainingBytes() > 0) {
                        out.write(data.consumeBytes(data.consumeInt(1, 4096)));
                    }
                    out.flush();
                } catch (IOException closedByTheSocket) {
                    // the socket gave up the connection on what it read so far: that is allowed
                }
            }
            if (!disconnected.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                FAILURES.rethrowAny();
                throw new AssertionError(type + " socket did not see its peer close within " + TIMEOUT_MS + " ms");
            }
            if (type != SocketType.PUB && type != SocketType.PUSH && type != SocketType.REQ) {
                for (Message message = socket.recvMessage(Socket.DONTWAIT);
                        message != null;
                        message = socket.recvMessage(Socket.DONTWAIT)) {
                    assertThat(message.size())
                            .as("frames of a received message")
                            .isPositive();
                }
            }
        }
        FAILURES.rethrowAny();
    }
}
