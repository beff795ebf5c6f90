package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;

/**
 * A bound STREAM socket facing a plain TCP peer that writes what the fuzzer gives, in fuzzed pieces (libzmq's
 * test_bind_stream_fuzzer), over real loopback connections, one per input; the socket may answer with fuzzed
 * bytes too.
 *
 * <p>What must hold: the socket announces the connection (routing id, empty frame), hands over exactly the bytes
 * written, in order and under that routing id, then announces the disconnection; what it sends back arrives
 * unchanged; the I/O thread logs no failure. The context and socket serve every input, one after another.
 */
class StreamSocketFuzzTest {
    private static final IoThreadFailures FAILURES = IoThreadFailures.install();
    private static final int TIMEOUT_MS = 5_000;
    private static final Context CONTEXT = Context.create(1);
    private static final Socket STREAM = stream();

    @AfterAll
    static void close() {
        STREAM.close();
        CONTEXT.close();
    }

    @FuzzTest(maxDuration = "5m")
    void passesAnyBytesThrough(FuzzedDataProvider data) throws IOException {
        byte[] reply = data.consumeBytes(data.consumeInt(0, 4096));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        int colon = STREAM.lastEndpoint().lastIndexOf(':');
        int port = Integer.parseInt(STREAM.lastEndpoint().substring(colon + 1));
        byte[] routingId;
        // The peer connects on purpose, to our own socket only: Jazzer's SSRF detector would report any connect.
        try (SilentCloseable ownSocketOnly = BugDetectors.allowNetworkConnections((host, to) -> to == port);
                java.net.Socket peer = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            peer.setSoTimeout(TIMEOUT_MS);
            routingId = notification("the connect notification");
            OutputStream out = peer.getOutputStream();
            while (data.remainingBytes() > 0) {
                byte[] piece = data.consumeBytes(data.consumeInt(1, 8192));
                out.write(piece);
                written.writeBytes(piece);
            }
            out.flush();
            assertThat(receiveBytes(routingId, written.size())).isEqualTo(written.toByteArray());
            if (reply.length > 0) {
                assertThat(STREAM.send(routingId, Socket.SNDMORE)).isTrue();
                assertThat(STREAM.send(reply)).isTrue();
                InputStream in = peer.getInputStream();
                assertThat(in.readNBytes(reply.length))
                        .as("what the STREAM socket sent back")
                        .isEqualTo(reply);
            }
        }
        assertThat(notification("the disconnect notification")).isEqualTo(routingId);
        FAILURES.rethrowAny();
    }

    /** Receives a notification (routing id, empty frame) and returns its routing id. */
    private static byte[] notification(String what) {
        Message message = receive(what);
        assertThat(message.get(1)).as("data frame of " + what).isEmpty();
        return message.get(0);
    }

    private static byte[] receiveBytes(byte[] routingId, int total) {
        ByteArrayOutputStream received = new ByteArrayOutputStream(total);
        while (received.size() < total) {
            Message message = receive("data (" + received.size() + " of " + total + " bytes so far)");
            assertThat(message.get(0)).as("routing id of a data chunk").isEqualTo(routingId);
            assertThat(message.get(1)).as("a data chunk, not a notification").isNotEmpty();
            received.writeBytes(message.get(1));
        }
        return received.toByteArray();
    }

    private static Message receive(String what) {
        Message message = STREAM.recvMessage();
        if (message == null) {
            FAILURES.rethrowAny();
            throw new AssertionError("the STREAM socket received no " + what + " in " + TIMEOUT_MS + " ms");
        }
        assertThat(message.size()).as("frames of " + what).isEqualTo(2);
        return message;
    }

    private static Socket stream() {
        Socket socket = CONTEXT.socket(SocketType.STREAM);
        socket.set(SocketOption.LINGER, 0);
        socket.set(SocketOption.RCVTIMEO, TIMEOUT_MS);
        socket.bind("tcp://127.0.0.1:*");
        return socket;
    }
}
