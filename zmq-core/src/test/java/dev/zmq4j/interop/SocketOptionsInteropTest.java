package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Socket options against libzmq 4.3 peers ({@code zmq_options_peer.py}): XPUB_WELCOME_MSG and INVERT_MATCHING
 * in both directions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketOptionsInteropTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration WAIT = LibzmqPeer.DEFAULT_WAIT;

    private final Context context = Context.create();

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Socket socket(SocketType type) {
        return ZmqTestSupport.socket(context, type);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(String text) {
        return HEX.formatHex(bytes(text));
    }

    private static byte[] subscription(String topic) {
        byte[] message = new byte[topic.length() + 1];
        message[0] = 1;
        System.arraycopy(bytes(topic), 0, message, 1, topic.length());
        return message;
    }

    @Test
    void shouldWelcomeALibzmqSubscriber() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_WELCOME_MSG, bytes("WELCOME"));
        xpub.bind("tcp://127.0.0.1:*");
        try (LibzmqPeer sub = LibzmqPeer.start("zmq_options_peer.py", "sub", "connect", xpub.lastEndpoint(),
                "--subscribe", hex("WEL"))) {
            assertThat(xpub.recv()).as("the libzmq SUB's subscription" + sub.diagnostics())
                    .isEqualTo(subscription("WEL"));
            assertThat(sub.awaitLine("RECEIVED", WAIT)).isEqualTo(hex("WELCOME"));
            sub.awaitSuccess();
        }
    }

    @Test
    void shouldSendALibzmqInvertedSubOnlyWhatDoesNotMatchIt() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.INVERT_MATCHING, true);
        xpub.bind("tcp://127.0.0.1:*");
        try (LibzmqPeer sub = LibzmqPeer.start("zmq_options_peer.py", "sub", "connect", xpub.lastEndpoint(),
                "--subscribe", hex("A"), "--invert-matching", "--count", "3")) {
            assertThat(xpub.recv()).as("the libzmq SUB's subscription" + sub.diagnostics())
                    .isEqualTo(subscription("A"));
            for (int i = 0; i < 3; i++) {
                xpub.send("A" + i);
                xpub.send("B" + i);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(sub.awaitLine("RECEIVED", WAIT)).isEqualTo(hex("B" + i));
            }
            sub.awaitSuccess();
        }
    }

    @Test
    void shouldReceiveFromALibzmqInvertedPubOnlyWhatDoesNotMatch() {
        try (LibzmqPeer pub = LibzmqPeer.start("zmq_options_peer.py", "pub-pairs", "bind", "tcp://127.0.0.1:*",
                "--invert-matching", "--count", "100000")) {
            String endpoint = pub.awaitLine("ENDPOINT", WAIT);
            Socket sub = socket(SocketType.SUB);
            sub.set(SocketOption.INVERT_MATCHING, true);
            sub.set(SocketOption.SUBSCRIBE, bytes("A"));
            sub.connect(endpoint);
            for (int i = 0; i < 20; i++) {
                String received = sub.recvString();
                assertThat(received).as("message %d%s", i, pub.diagnostics()).isNotNull().startsWith("B");
            }
        }
    }
}
