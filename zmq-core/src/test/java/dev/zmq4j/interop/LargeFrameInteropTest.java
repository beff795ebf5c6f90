package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libzmq sends zmq4j frames of several MiB, each side binding in turn. These are the frames whose body the decoder
 * grows as it arrives (from 64 KiB, quadrupling), read straight into the growing array rather than through the
 * shared input buffer, with the announced size checked before anything is held; the content is checked byte for
 * byte ({@code large_payload} in zmq_peer.py).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeFrameInteropTest {
    private static final int SIZE = 5 * 1024 * 1024 + 17;
    private static final int COUNT = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Context context = Context.create(1);

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void shouldReceiveMultiMiBFramesFromAConnectingLibzmqPush() {
        Socket pull = pull();
        pull.bind("tcp://127.0.0.1:*");
        try (LibzmqPeer peer = LibzmqPeer.connected("push", pull.lastEndpoint(), args())) {
            receiveAll(pull, peer);
            peer.awaitSuccess(WAIT);
        }
    }

    @Test
    void shouldReceiveMultiMiBFramesFromABoundLibzmqPush() {
        Socket pull = pull();
        try (LibzmqPeer peer = LibzmqPeer.bound("push", args())) {
            pull.connect(peer.endpoint());
            receiveAll(pull, peer);
            peer.awaitSuccess(WAIT);
        }
    }

    private Socket pull() {
        Socket pull = context.socket(SocketType.PULL);
        pull.set(SocketOption.LINGER, 0);
        pull.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
        return pull;
    }

    private static String[] args() {
        return new String[] {"--count=" + COUNT, "--size=" + SIZE, "--timeout-ms=60000", "--max-seconds=100"};
    }

    private static void receiveAll(Socket pull, LibzmqPeer peer) {
        for (int i = 0; i < COUNT; i++) {
            byte[] message = pull.recv();
            assertThat(message)
                    .as("message %d of %d; %s", i, COUNT, peer.diagnostics())
                    .isNotNull();
            assertThat(message.length).as("size of message %d", i).isEqualTo(SIZE);
            assertThat(firstMismatch(message, i))
                    .as("first wrong byte of message %d", i)
                    .isEqualTo(-1);
            assertThat(pull.hasMore()).isFalse();
        }
    }

    /** The index of the first byte that is not {@code ((k % 256) * 7 + i) % 256}, or -1. */
    private static int firstMismatch(byte[] message, int i) {
        for (int k = 0; k < message.length; k++) {
            if (message[k] != (byte) ((k % 256) * 7 + i)) {
                return k;
            }
        }
        return -1;
    }
}
