package dev.zmq4j.socket.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ZmqTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A zmq4j STREAM and a libzmq 4.3 STREAM (python3-zmq) on the two ends of one TCP connection: both speak raw bytes,
 * both announce the connection and its end with empty frames, either may close it with an empty frame.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamLibzmqInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Context context = Context.create();

    @AfterEach
    void closeContext() {
        context.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Message receive(Socket socket, String what, LibzmqStreamPeer peer) {
        Message message = socket.recvMessage();
        if (message == null) {
            throw new AssertionError("the zmq4j STREAM received no " + what + peer.diagnostics());
        }
        assertThat(message.size()).as("frames of " + what).isEqualTo(2);
        return message;
    }

    /** Data sent in one write on loopback arrives in one read in practice, but collect chunks to be sure. */
    private static String receiveText(Socket socket, byte[] id, int length, LibzmqStreamPeer peer) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            Message message = receive(socket, "data", peer);
            assertThat(message.get(0)).isEqualTo(id);
            assertThat(message.get(1)).as("data, not a notification").isNotEmpty();
            text.append(new String(message.get(1), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static String receiveText(LibzmqStreamPeer peer, byte[] id, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            LibzmqStreamPeer.Received received = peer.receive(WAIT);
            assertThat(received.routingId()).isEqualTo(id);
            assertThat(received.data()).as("data, not a notification").isNotEmpty();
            text.append(new String(received.data(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static void send(Socket socket, byte[] id, byte[] data) {
        assertThat(socket.send(id, Socket.SNDMORE)).isTrue();
        assertThat(socket.send(data)).isTrue();
    }

    @Test
    void shouldTalkToALibzmqStreamThatBinds() {
        try (LibzmqStreamPeer libzmq = LibzmqStreamPeer.bound()) {
            Socket zmq4j = ZmqTestSupport.socket(context, SocketType.STREAM);
            zmq4j.connect(libzmq.endpoint());

            Message connected = receive(zmq4j, "connect notification", libzmq);
            assertThat(connected.get(1)).isEmpty();
            byte[] ourId = connected.get(0);
            LibzmqStreamPeer.Received accepted = libzmq.receive(WAIT);
            assertThat(accepted.data()).as("libzmq's connect notification").isEmpty();
            byte[] theirId = accepted.routingId();

            send(zmq4j, ourId, bytes("ping from zmq4j"));
            assertThat(receiveText(libzmq, theirId, 15)).isEqualTo("ping from zmq4j");
            libzmq.send(theirId, bytes("pong from libzmq"));
            assertThat(receiveText(zmq4j, ourId, 16, libzmq)).isEqualTo("pong from libzmq");

            // libzmq closes the connection: zmq4j is told. libzmq closes it only when its socket next processes
            // commands (inside a zmq call), so keep it polling until zmq4j sees the end.
            libzmq.send(theirId, new byte[0]);
            zmq4j.set(SocketOption.RCVTIMEO, 100);
            Message disconnected = null;
            for (int attempt = 0; attempt < 100 && disconnected == null; attempt++) {
                assertThat(libzmq.poll(Duration.ofMillis(100)))
                        .as("nothing for libzmq after it closed")
                        .isNull();
                disconnected = zmq4j.recvMessage();
            }
            assertThat(disconnected)
                    .as("zmq4j's disconnect notification" + libzmq.diagnostics())
                    .isNotNull();
            assertThat(disconnected.get(0)).isEqualTo(ourId);
            assertThat(disconnected.get(1)).isEmpty();
            libzmq.quit();
        }
    }

    @Test
    void shouldTalkToALibzmqStreamThatConnects() {
        Socket zmq4j = ZmqTestSupport.socket(context, SocketType.STREAM);
        zmq4j.bind("tcp://127.0.0.1:*");
        try (LibzmqStreamPeer libzmq = LibzmqStreamPeer.connected(zmq4j.lastEndpoint())) {
            Message accepted = receive(zmq4j, "connect notification", libzmq);
            assertThat(accepted.get(1)).isEmpty();
            byte[] ourId = accepted.get(0);
            LibzmqStreamPeer.Received connected = libzmq.receive(WAIT);
            assertThat(connected.data()).as("libzmq's connect notification").isEmpty();
            byte[] theirId = connected.routingId();

            libzmq.send(theirId, bytes("hello from libzmq"));
            assertThat(receiveText(zmq4j, ourId, 17, libzmq)).isEqualTo("hello from libzmq");
            send(zmq4j, ourId, bytes("hello from zmq4j"));
            assertThat(receiveText(libzmq, theirId, 16)).isEqualTo("hello from zmq4j");

            // zmq4j sends a last word and closes the connection: libzmq gets both, then its disconnect notification.
            send(zmq4j, ourId, bytes("bye"));
            send(zmq4j, ourId, new byte[0]);
            assertThat(receiveText(libzmq, theirId, 3)).isEqualTo("bye");
            LibzmqStreamPeer.Received closed = libzmq.receive(WAIT);
            assertThat(closed.routingId()).isEqualTo(theirId);
            assertThat(closed.data()).as("libzmq's disconnect notification").isEmpty();
            libzmq.quit();
        }
    }
}
