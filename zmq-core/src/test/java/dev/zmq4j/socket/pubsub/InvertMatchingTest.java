package dev.zmq4j.socket.pubsub;

import static dev.zmq4j.interop.ZmqTestSupport.bytes;
import static dev.zmq4j.interop.ZmqTestSupport.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.ZmqTestSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** INVERT_MATCHING on publishers (send to the subscribers a message does not match) and on SUB (keep those). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InvertMatchingTest extends ContextFixture {
    private static String endpoint(String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://invert-" + System.nanoTime();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldSendEachMessageToTheSubscribersItDoesNotMatch(String transport) {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.INVERT_MATCHING, true);
        xpub.bind(endpoint(transport));
        // XSUBs do not filter: what they get is exactly what the publisher chose to send them.
        Socket wantsA = socket(SocketType.XSUB);
        wantsA.connect(xpub.lastEndpoint());
        wantsA.send(subscription("A"));
        assertThat(xpub.recv()).isEqualTo(subscription("A"));
        Socket wantsB = socket(SocketType.XSUB);
        wantsB.connect(xpub.lastEndpoint());
        wantsB.send(subscription("B"));
        assertThat(xpub.recv()).isEqualTo(subscription("B"));

        xpub.send("A1");
        xpub.send("B1");
        xpub.send("C1");
        assertThat(wantsA.recvString()).isEqualTo("B1");
        assertThat(wantsA.recvString()).isEqualTo("C1");
        assertThat(wantsB.recvString()).isEqualTo("A1");
        assertThat(wantsB.recvString()).isEqualTo("C1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldLetAnInvertedSubReceiveOnlyWhatItsSubscriptionsDoNotMatch(String transport) {
        Socket pub = socket(SocketType.PUB);
        pub.set(SocketOption.INVERT_MATCHING, true);
        pub.bind(endpoint(transport));
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.INVERT_MATCHING, true);
        sub.set(SocketOption.SUBSCRIBE, bytes("A"));
        sub.connect(pub.lastEndpoint());

        // Until the SUB is attached the pairs are lost; from then on only the B messages may arrive.
        sub.set(SocketOption.RCVTIMEO, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String first = null;
        for (int i = 0; first == null; i++) {
            assertThat(System.nanoTime()).as("the SUB receives something").isLessThan(deadline);
            pub.send("A" + i);
            pub.send("B" + i);
            first = sub.recvString();
        }
        assertThat(first).startsWith("B");
        sub.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
        pub.send("A-last");
        pub.send("B-last");
        String received;
        do {
            received = sub.recvString();
            assertThat(received).as("only messages not matching A").startsWith("B");
        } while (!received.equals("B-last"));
    }

    @Test
    void shouldFilterNormallyWithoutInversion() {
        Socket pub = socket(SocketType.PUB);
        pub.bind(endpoint("inproc"));
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.SUBSCRIBE, bytes("A"));
        sub.connect(pub.lastEndpoint());
        assertThat(sub.get(SocketOption.INVERT_MATCHING)).isFalse();
        pub.send("B0");
        pub.send("A0");
        assertThat(sub.recvString()).isEqualTo("A0");
    }

    @Test
    void shouldAcceptTheOptionOnEverySocketTypeAsLibzmq() {
        for (SocketType type : new SocketType[] {SocketType.PUSH, SocketType.XSUB, SocketType.ROUTER}) {
            Socket socket = socket(type);
            socket.set(SocketOption.INVERT_MATCHING, true);
            assertThat(socket.get(SocketOption.INVERT_MATCHING)).as("%s", type).isTrue();
        }
    }
}
