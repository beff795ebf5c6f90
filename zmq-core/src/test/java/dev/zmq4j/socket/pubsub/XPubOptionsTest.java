package dev.zmq4j.socket.pubsub;

import static dev.zmq4j.interop.ZmqTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.ZmqTestSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XPUB_NODROP, XPUB_MANUAL and XPUB_WELCOME_MSG over tcp and inproc, as libzmq has them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XPubOptionsTest extends ContextFixture {
    /** Far more than the high-water marks and kernel buffers hold: a send must have failed long before. */
    private static final int SEND_LIMIT = 1_000_000;

    private static byte[] notification(int kind, String topic) {
        byte[] topicBytes = bytes(topic);
        byte[] message = new byte[topicBytes.length + 1];
        message[0] = (byte) kind;
        System.arraycopy(topicBytes, 0, message, 1, topicBytes.length);
        return message;
    }

    private static String endpoint(String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://xpub-options-" + System.nanoTime();
    }

    /** Publishes a probe until the subscriber gets one: the subscription has then reached the publisher. */
    private static void awaitSubscription(Socket pub, Socket sub, String probeTopic) {
        sub.set(SocketOption.RCVTIMEO, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            pub.send(probeTopic, Socket.DONTWAIT);
            String got = sub.recvString();
            if (got != null) {
                assertThat(got).isEqualTo(probeTopic);
                break;
            }
            assertThat(System.nanoTime())
                    .as("the subscription reaches the publisher")
                    .isLessThan(deadline);
        }
        while (sub.recv(Socket.DONTWAIT) != null) {
            // the other probes
        }
        sub.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
    }

    private static byte[] numbered(int number, int size) {
        byte[] message = new byte[size];
        message[0] = 'N';
        message[1] = (byte) (number >>> 24);
        message[2] = (byte) (number >>> 16);
        message[3] = (byte) (number >>> 8);
        message[4] = (byte) number;
        return message;
    }

    private static int numberOf(byte[] message) {
        return (message[1] & 0xFF) << 24 | (message[2] & 0xFF) << 16 | (message[3] & 0xFF) << 8 | message[4] & 0xFF;
    }

    @Test
    void shouldUseLibzmqDefaults() {
        Socket xpub = socket(SocketType.XPUB);
        assertThat(xpub.get(SocketOption.XPUB_NODROP)).isFalse();
        assertThat(xpub.get(SocketOption.XPUB_MANUAL)).isFalse();
        assertThat(xpub.get(SocketOption.XPUB_WELCOME_MSG)).isEmpty();
        assertThat(xpub.get(SocketOption.INVERT_MATCHING)).isFalse();
        assertThat(xpub.get(SocketOption.CONFLATE)).isFalse();
    }

    // ---- XPUB_NODROP ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldRefuseToSendInsteadOfDroppingForASubscriberAtItsHighWaterMark(String transport) {
        Socket pub = socket(SocketType.PUB);
        pub.set(SocketOption.XPUB_NODROP, true);
        pub.set(SocketOption.SNDHWM, 10);
        pub.bind(endpoint(transport));
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.RCVHWM, 10);
        sub.connect(pub.lastEndpoint());
        sub.set(SocketOption.SUBSCRIBE, bytes("N"));
        awaitSubscription(pub, sub, "N-probe");

        // The subscriber does not read: the pipes (and, over tcp, the kernel buffers) fill until a send fails.
        int sent = 0;
        while (sent < SEND_LIMIT && pub.send(numbered(sent, 1024), Socket.DONTWAIT)) {
            sent++;
        }
        assertThat(sent).as("messages sent before XPUB_NODROP refused one").isLessThan(SEND_LIMIT);

        // Nothing was dropped: the subscriber gets every message, in order, and then the publisher may go on.
        for (int i = 0; i < sent; i++) {
            byte[] message = sub.recv();
            assertThat(message).as("message %d of %d", i, sent).isNotNull();
            assertThat(numberOf(message)).isEqualTo(i);
        }
        assertThat(pub.send(numbered(sent, 1024)))
                .as("a send once the subscriber has drained")
                .isTrue();
        assertThat(numberOf(sub.recv())).isEqualTo(sent);
    }

    @Test
    void shouldStillDropWithoutNodrop() {
        Socket pub = socket(SocketType.PUB);
        pub.set(SocketOption.SNDHWM, 10);
        pub.bind(endpoint("inproc"));
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.RCVHWM, 10);
        sub.connect(pub.lastEndpoint());
        sub.set(SocketOption.SUBSCRIBE, bytes("N"));
        awaitSubscription(pub, sub, "N-probe");
        for (int i = 0; i < 1000; i++) {
            assertThat(pub.send(numbered(i, 16), Socket.DONTWAIT))
                    .as("a PUB never refuses a send")
                    .isTrue();
        }
        assertThat(numberOf(sub.recv())).isZero();
    }

    @Test
    void shouldRejectNodropOnOtherSockets() {
        Socket sub = socket(SocketType.SUB);
        assertThatThrownBy(() -> sub.set(SocketOption.XPUB_NODROP, true))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("XPUB_NODROP")
                .hasMessageContaining("SUB")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
        assertThatThrownBy(() -> sub.set(SocketOption.XPUB_VERBOSE, true))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("XPUB_VERBOSE");
    }

    // ---- XPUB_MANUAL ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldDeliverOnlyTheSubscriptionsTheApplicationApplies(String transport) {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_MANUAL, true);
        xpub.bind(endpoint(transport));
        Socket first = socket(SocketType.SUB);
        first.connect(xpub.lastEndpoint());
        first.set(SocketOption.SUBSCRIBE, bytes("T"));
        assertThat(xpub.recv()).isEqualTo(notification(1, "T"));
        xpub.set(SocketOption.SUBSCRIBE, bytes("T")); // for the first subscriber only

        Socket second = socket(SocketType.SUB);
        second.connect(xpub.lastEndpoint());
        second.set(SocketOption.SUBSCRIBE, bytes("T"));
        assertThat(xpub.recv()).as("a duplicate subscription is passed up too").isEqualTo(notification(1, "T"));
        // Not applied for the second: only the first gets T1.
        xpub.send("T1");
        assertThat(first.recvString()).isEqualTo("T1");

        xpub.set(SocketOption.SUBSCRIBE, bytes("T")); // now for the second, the last one heard from
        xpub.send("T2");
        assertThat(second.recvString())
                .as("the second's first message (it never got T1)")
                .isEqualTo("T2");
        assertThat(first.recvString()).isEqualTo("T2");

        xpub.set(SocketOption.UNSUBSCRIBE, bytes("T")); // the second again
        xpub.send("T3");
        xpub.set(SocketOption.SUBSCRIBE, bytes("T"));
        xpub.send("T4");
        assertThat(second.recvString())
                .as("T3 went out while the second was unsubscribed")
                .isEqualTo("T4");
        assertThat(first.recvString()).isEqualTo("T3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldPassUpEverySubscriptionAndUnsubscriptionInManualMode(String transport) {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_MANUAL, true);
        xpub.bind(endpoint(transport));
        Socket xsub = socket(SocketType.XSUB);
        xsub.connect(xpub.lastEndpoint());
        xsub.send(notification(1, "A"));
        xsub.send(notification(1, "A"));
        xsub.send(notification(1, "B"));
        xsub.send(notification(0, "B"));
        assertThat(xpub.recv()).isEqualTo(notification(1, "A"));
        assertThat(xpub.recv()).as("a duplicate is passed up too").isEqualTo(notification(1, "A"));
        assertThat(xpub.recv()).isEqualTo(notification(1, "B"));
        assertThat(xpub.recv()).isEqualTo(notification(0, "B"));
        xsub.close();
        assertThat(xpub.recv()).as("what the leaving subscriber had asked for").isEqualTo(notification(0, "A"));
        assertThat(xpub.recv(Socket.DONTWAIT)).as("B was already cancelled").isNull();
    }

    @Test
    void shouldIgnoreManualSubscriptionsBeforeAnySubscriber() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_MANUAL, true);
        xpub.set(SocketOption.SUBSCRIBE, bytes("nobody to act for"));
        xpub.bind(endpoint("inproc"));
        Socket sub = socket(SocketType.SUB);
        sub.connect(xpub.lastEndpoint());
        sub.set(SocketOption.SUBSCRIBE, bytes(""));
        assertThat(xpub.recv()).isEqualTo(notification(1, ""));
        xpub.set(SocketOption.SUBSCRIBE, bytes(""));
        xpub.send("after");
        assertThat(sub.recvString()).isEqualTo("after");
    }

    @Test
    void shouldRejectSubscribeOnAnXpubWithoutManual() {
        Socket xpub = socket(SocketType.XPUB);
        assertThatThrownBy(() -> xpub.set(SocketOption.SUBSCRIBE, bytes("A")))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("SUBSCRIBE")
                .hasMessageContaining("XPUB_MANUAL");
        Socket pub = socket(SocketType.PUB);
        assertThatThrownBy(() -> pub.set(SocketOption.XPUB_MANUAL, true))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("XPUB_MANUAL")
                .hasMessageContaining("PUB");
    }

    // ---- XPUB_WELCOME_MSG ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldWelcomeEveryNewSubscriber(String transport) {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_WELCOME_MSG, bytes("WELCOME"));
        xpub.bind(endpoint(transport));
        for (String topic : new String[] {"WEL", "WELCOME"}) {
            Socket sub = socket(SocketType.SUB);
            sub.set(SocketOption.SUBSCRIBE, bytes(topic));
            sub.connect(xpub.lastEndpoint());
            // Receiving on the XPUB also lets it take the new subscriber in (sockets act inside calls).
            assertThat(xpub.recv()).isEqualTo(notification(1, topic));
            assertThat(sub.recvString())
                    .as("the first message of a subscriber to %s", topic)
                    .isEqualTo("WELCOME");
        }
    }

    @Test
    void shouldSendALargeWelcomeMessageToEachSubscriber() {
        byte[] large = new byte[100_000];
        large[0] = 'W';
        large[large.length - 1] = 42;
        Socket pub = socket(SocketType.PUB);
        pub.set(SocketOption.XPUB_WELCOME_MSG, large);
        pub.bind(endpoint("inproc"));
        for (int i = 0; i < 2; i++) {
            Socket sub = socket(SocketType.SUB);
            sub.set(SocketOption.SUBSCRIBE, bytes("W"));
            sub.connect(pub.lastEndpoint());
            // A PUB takes a new subscriber in during its next call; this message is filtered out by the SUB.
            pub.send("not for W subscribers");
            assertThat(sub.recv()).isEqualTo(large);
        }
        assertThat(pub.get(SocketOption.XPUB_WELCOME_MSG)).isEqualTo(large);
    }

    @Test
    void shouldNotWelcomeAfterTheMessageIsCleared() {
        Socket pub = socket(SocketType.PUB);
        pub.set(SocketOption.XPUB_WELCOME_MSG, bytes("WELCOME"));
        pub.set(SocketOption.XPUB_WELCOME_MSG, new byte[0]);
        assertThat(pub.get(SocketOption.XPUB_WELCOME_MSG)).isEmpty();
        pub.bind(endpoint("inproc"));
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.SUBSCRIBE, bytes(""));
        sub.connect(pub.lastEndpoint());
        awaitSubscription(pub, sub, "probe");
        pub.send(Message.of("news"));
        assertThat(sub.recvString()).isEqualTo("news");
    }

    @Test
    void shouldRejectAWelcomeMessageOnOtherSockets() {
        Socket sub = socket(SocketType.XSUB);
        assertThatThrownBy(() -> sub.set(SocketOption.XPUB_WELCOME_MSG, bytes("hi")))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("XPUB_WELCOME_MSG")
                .hasMessageContaining("XSUB");
    }
}
