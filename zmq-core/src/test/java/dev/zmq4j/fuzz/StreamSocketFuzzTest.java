package dev.zmq4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/**
 * A bound STREAM socket facing a plain TCP peer that writes the fuzzer's bytes in fuzzed chunks and then closes
 * (libzmq's test_bind_stream_fuzzer), over a real loopback connection; as the fuzzer chooses, the socket first sends
 * the peer some bytes, which the peer reads before it closes (a STREAM connection is not half-closed: the engine ends
 * it on the peer's FIN, so what is still unsent then is lost, as in libzmq). The fuzzer picks RCVHWM too: 1 or 2
 * make the engine stop reading after every chunk, and keep the disconnect notification waiting for room.
 *
 * <p>What must hold: the socket reports the connection (routing id, empty frame), then hands over exactly the bytes
 * written, in order, every chunk under that routing id, then reports the disconnection (the same routing id, an
 * empty frame) and nothing after it; what it sent reaches the peer unchanged; the I/O threads log no failure.
 *
 * <p>One bound socket per RCVHWM serves every execution (a listener keeps the options it was bound with): binding one
 * per execution would leave a port behind in TIME_WAIT each time, the peer closing first. An execution that failed
 * may leave messages in its socket, so its socket is closed and the next execution binds a new one.
 */
class StreamSocketFuzzTest {
    private static final IoThreadFailures FAILURES = IoThreadFailures.install();
    private static final Context CONTEXT = Context.create();
    private static final long WAIT_MS = 5_000;
    /** Beyond this the peer writes nothing more, so that its writes always fit the kernel buffers. */
    private static final int MAX_WRITTEN = 64 * 1024;

    private static final int[] RECEIVE_HWMS = {1000, 1, 2};
    private static final Socket[] STREAMS = new Socket[RECEIVE_HWMS.length];

    @AfterAll
    static void closeContext() {
        for (Socket stream : STREAMS) {
            if (stream != null) {
                stream.close();
            }
        }
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), CONTEXT::close);
    }

    @FuzzTest(maxDuration = "5m")
    void handsOverExactlyTheBytesWritten(FuzzedDataProvider data) throws IOException {
        int choice = data.consumeInt(0, RECEIVE_HWMS.length - 1);
        byte[] reply = data.consumeBoolean() ? data.consumeBytes(data.consumeInt(1, 4096)) : new byte[0];
        Socket stream = stream(choice);
        boolean passed = false;
        try {
            exchange(stream, reply, data);
            passed = true;
        } finally {
            if (!passed) {
                STREAMS[choice] = null;
                stream.close();
            }
        }
        FAILURES.rethrowAny();
    }

    private static void exchange(Socket stream, byte[] reply, FuzzedDataProvider data) throws IOException {
        String endpoint = stream.lastEndpoint();
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Poller poller = CONTEXT.poller();
                SilentCloseable allowed = BugDetectors.allowNetworkConnections((host, to) -> to == port)) {
            poller.register(stream, Poller.POLLIN);
            byte[] routingId;
            try (PeerChannel peer = new PeerChannel(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)))) {
                Message connected = next(stream, poller, deadline, "the connect notification");
                assertThat(connected.get(1))
                        .as("data frame of the connect notification")
                        .isEmpty();
                routingId = connected.get(0);
                assertThat(routingId).as("routing id of a new connection").isNotEmpty();
                if (reply.length > 0) {
                    assertThat(stream.send(routingId, Socket.SNDMORE | Socket.DONTWAIT))
                            .as("routing id frame sent")
                            .isTrue();
                    assertThat(stream.send(reply, Socket.DONTWAIT))
                            .as("data frame sent")
                            .isTrue();
                }
                while (data.remainingBytes() > 0 && written.size() < MAX_WRITTEN) {
                    byte[] chunk = data.consumeBytes(data.consumeInt(1, 2048));
                    peer.queue(chunk);
                    written.writeBytes(chunk);
                }
                while (!peer.writeSome()) {
                    // Kernel buffers full: the engine reads on once the socket is drained. A poller cannot wait for
                    // room in the kernel's buffers: look again soon.
                    takeData(stream, routingId, received);
                    millisLeft(deadline, "room for the peer's writes");
                    poller.poll(1);
                }
                assertThat(peer.refused())
                        .as("the STREAM socket closed the connection")
                        .isFalse();
                if (reply.length > 0) {
                    byte[] back = peer.read(reply.length, millisLeft(deadline, "what the socket sent"));
                    assertThat(back.length)
                            .as("bytes the peer read of those sent")
                            .isEqualTo(reply.length);
                    assertThat(back).as("what the peer read").isEqualTo(reply);
                }
            }
            while (true) {
                Message message = next(stream, poller, deadline, "the rest of the data or the disconnect notification");
                assertThat(message.get(0)).as("routing id").isEqualTo(routingId);
                if (message.get(1).length == 0) {
                    break;
                }
                received.writeBytes(message.get(1));
            }
        }
        assertSame(written.toByteArray(), received.toByteArray());
        assertThat(stream.recvMessage(Socket.DONTWAIT))
                .as("a message after the disconnect notification")
                .isNull();
    }

    /** Takes the data messages there are now, all of the one connection. */
    private static void takeData(Socket stream, byte[] routingId, ByteArrayOutputStream received) {
        for (Message message = stream.recvMessage(Socket.DONTWAIT);
                message != null;
                message = stream.recvMessage(Socket.DONTWAIT)) {
            assertThat(message.size()).as("frames of a STREAM message").isEqualTo(2);
            assertThat(message.get(0)).as("routing id").isEqualTo(routingId);
            assertThat(message.get(1))
                    .as("a data chunk, not a disconnect notification, while the peer writes")
                    .isNotEmpty();
            received.writeBytes(message.get(1));
        }
    }

    /** The next message, waiting at most until {@code deadline}; two frames, as every STREAM message. */
    private static Message next(Socket stream, Poller poller, long deadline, String what) {
        while (true) {
            Message message = stream.recvMessage(Socket.DONTWAIT);
            if (message != null) {
                assertThat(message.size()).as("frames of " + what).isEqualTo(2);
                return message;
            }
            poller.poll(millisLeft(deadline, what));
        }
    }

    private static long millisLeft(long deadline, String what) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            FAILURES.rethrowAny();
            throw new AssertionError("no " + what + " within " + WAIT_MS + " ms");
        }
        return left;
    }

    /** Compares without printing two arrays of up to 64 KiB: the sizes, then where they first differ. */
    private static void assertSame(byte[] written, byte[] received) {
        assertThat(received.length).as("bytes handed over, of those written").isEqualTo(written.length);
        for (int i = 0; i < written.length; i++) {
            if (written[i] != received[i]) {
                throw new AssertionError("byte " + i + " of " + written.length + " was handed over as " + received[i]
                        + ", written as " + written[i]);
            }
        }
    }

    private static Socket stream(int choice) {
        if (STREAMS[choice] == null) {
            Socket stream = CONTEXT.socket(SocketType.STREAM);
            stream.set(SocketOption.LINGER, 0);
            stream.set(SocketOption.RCVHWM, RECEIVE_HWMS[choice]);
            stream.bind("tcp://127.0.0.1:*");
            STREAMS[choice] = stream;
        }
        return STREAMS[choice];
    }
}
