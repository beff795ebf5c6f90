package dev.zmq4j.interop;

import static dev.zmq4j.interop.ZmqTestSupport.bytes;
import static dev.zmq4j.interop.ZmqTestSupport.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Socket options against libzmq 4.3 peers ({@code zmq_peer.py}), each side binding in turn: XPUB_WELCOME_MSG to a
 * libzmq SUB, INVERT_MATCHING in both directions, and a conflating PULL fed by a libzmq PUSH.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketOptionsInteropTest extends ContextFixture {
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration WAIT = LibzmqPeer.DEFAULT_WAIT;

    private static String hex(String text) {
        return HEX.formatHex(bytes(text));
    }

    @Test
    void shouldWelcomeALibzmqSubscriber() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_WELCOME_MSG, bytes("WELCOME"));
        xpub.bind("tcp://127.0.0.1:*");
        try (LibzmqPeer sub = LibzmqPeer.start(
                "zmq_peer.py", "sub-print", "connect", xpub.lastEndpoint(), "--subscribe", hex("WEL"))) {
            assertThat(xpub.recv())
                    .as("the libzmq SUB's subscription" + sub.diagnostics())
                    .isEqualTo(subscription("WEL"));
            assertThat(sub.awaitLine("RECEIVED", WAIT)).isEqualTo(hex("WELCOME"));
            sub.awaitSuccess();
        }
    }

    @Test
    void shouldWelcomeABoundLibzmqSubscriber() {
        try (LibzmqPeer sub = LibzmqPeer.boundAt("sub-print", "tcp://127.0.0.1:*", "--subscribe", hex("WEL"))) {
            Socket xpub = socket(SocketType.XPUB);
            xpub.set(SocketOption.XPUB_WELCOME_MSG, bytes("WELCOME"));
            xpub.connect(sub.endpoint());
            assertThat(xpub.recv())
                    .as("the libzmq SUB's subscription" + sub.diagnostics())
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
        try (LibzmqPeer sub = LibzmqPeer.start(
                "zmq_peer.py",
                "sub-print",
                "connect",
                xpub.lastEndpoint(),
                "--subscribe",
                hex("A"),
                "--invert-matching",
                "--count",
                "3")) {
            assertThat(xpub.recv())
                    .as("the libzmq SUB's subscription" + sub.diagnostics())
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
    void shouldConflateWhatALibzmqPushSends() {
        int count = 10_000;
        Socket pull = socket(SocketType.PULL);
        pull.set(SocketOption.CONFLATE, true);
        pull.bind("tcp://127.0.0.1:*");
        try (LibzmqPeer push = LibzmqPeer.connected("push", pull.lastEndpoint(), "--count", String.valueOf(count))) {
            int previous = -1;
            while (previous != count - 1) {
                String received = pull.recvString();
                assertThat(received)
                        .as("a message after %d%s", previous, push.diagnostics())
                        .isNotNull();
                // zmq_peer.py's payload: the number, padded with dots to 300 bytes every thousandth message.
                int number = Integer.parseInt(received.replace(".", ""));
                assertThat(number).as("message order").isGreaterThan(previous);
                previous = number;
            }
            push.awaitSuccess();
            assertThat(pull.recv(Socket.DONTWAIT))
                    .as("nothing after the last message")
                    .isNull();
        }
    }

    @Test
    void shouldConflateWhatABoundLibzmqPushSends() {
        int count = 10_000;
        try (LibzmqPeer push = LibzmqPeer.bound("push", "--count", String.valueOf(count))) {
            Socket pull = socket(SocketType.PULL);
            pull.set(SocketOption.CONFLATE, true);
            pull.connect(push.endpoint());
            int previous = -1;
            while (previous != count - 1) {
                String received = pull.recvString();
                assertThat(received)
                        .as("a message after %d%s", previous, push.diagnostics())
                        .isNotNull();
                int number = Integer.parseInt(received.replace(".", ""));
                assertThat(number).as("message order").isGreaterThan(previous);
                previous = number;
            }
            push.awaitSuccess();
            assertThat(pull.recv(Socket.DONTWAIT))
                    .as("nothing after the last message")
                    .isNull();
        }
    }

    @Test
    void shouldReceiveFromALibzmqInvertedPubOnlyWhatDoesNotMatch() {
        try (LibzmqPeer pub = LibzmqPeer.start(
                "zmq_peer.py", "pub-pairs", "bind", "tcp://127.0.0.1:*", "--invert-matching", "--count", "100000")) {
            String endpoint = pub.awaitLine("ENDPOINT", WAIT);
            Socket sub = socket(SocketType.SUB);
            sub.set(SocketOption.INVERT_MATCHING, true);
            sub.set(SocketOption.SUBSCRIBE, bytes("A"));
            sub.connect(endpoint);
            for (int i = 0; i < 20; i++) {
                String received = sub.recvString();
                assertThat(received)
                        .as("message %d%s", i, pub.diagnostics())
                        .isNotNull()
                        .startsWith("B");
            }
        }
    }
}
