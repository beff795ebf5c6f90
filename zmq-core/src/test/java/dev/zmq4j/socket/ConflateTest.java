package dev.zmq4j.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ContextFixture;
import dev.zmq4j.interop.ZmqTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CONFLATE: a conflating PUSH, PULL, PUB, SUB or DEALER keeps only the latest message per pipe and ignores the
 * high-water marks. Over inproc the writes are synchronous, so "only the last one" is exact; over tcp the reader
 * may catch some of the messages in flight, so the checks are that sends never block on a reader that does not
 * read, that what arrives is in order, and that the last message arrives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConflateTest extends ContextFixture {
    private static final int MESSAGES = 1000;

    private static String inproc() {
        return "inproc://conflate-" + System.nanoTime();
    }

    private static byte[] numbered(String prefix, int number, int size) {
        byte[] text = (prefix + number + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[Math.max(size, text.length)];
        System.arraycopy(text, 0, message, 0, text.length);
        return message;
    }

    private static int numberOf(byte[] message, String prefix) {
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text).startsWith(prefix);
        return Integer.parseInt(text.substring(prefix.length(), text.indexOf('.')));
    }

    /** Receives until message {@code last}; each must come after the one before. Returns how many arrived. */
    private static int receiveInOrderUntil(Socket socket, String prefix, int last) {
        int previous = -1;
        int received = 0;
        while (previous != last) {
            byte[] message = socket.recv();
            assertThat(message).as("a message after %d", previous).isNotNull();
            int number = numberOf(message, prefix);
            assertThat(number).as("message order").isGreaterThan(previous);
            previous = number;
            received++;
        }
        assertThat(socket.recv(Socket.DONTWAIT))
                .as("nothing after the last message")
                .isNull();
        return received;
    }

    @Test
    void shouldLetAPullReceiveOnlyTheLastOfAThousandOverInproc() {
        Socket pull = socket(SocketType.PULL);
        pull.set(SocketOption.CONFLATE, true);
        pull.bind(inproc());
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.lastEndpoint());
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(push.send(numbered("m", i, 10), Socket.DONTWAIT))
                    .as("send %d", i)
                    .isTrue();
        }
        assertThat(numberOf(pull.recv(), "m")).isEqualTo(MESSAGES - 1);
        assertThat(pull.recv(Socket.DONTWAIT)).isNull();
    }

    @Test
    void shouldConflateForAConnectingPushBeforeItsPeerBinds() {
        String endpoint = inproc();
        Socket push = socket(SocketType.PUSH);
        push.set(SocketOption.CONFLATE, true);
        push.connect(endpoint);
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(push.send(numbered("m", i, 10), Socket.DONTWAIT))
                    .as("send %d", i)
                    .isTrue();
        }
        Socket pull = socket(SocketType.PULL);
        pull.bind(endpoint);
        assertThat(numberOf(pull.recv(), "m")).isEqualTo(MESSAGES - 1);
        assertThat(pull.recv(Socket.DONTWAIT)).isNull();
    }

    @Test
    void shouldKeepTheLatestMultipartMessageWhole() {
        Socket pull = socket(SocketType.PULL);
        pull.bind(inproc());
        Socket push = socket(SocketType.PUSH);
        push.set(SocketOption.CONFLATE, true);
        push.connect(pull.lastEndpoint());
        for (int i = 0; i < 10; i++) {
            push.send(Message.of("head " + i, "body " + i, "tail " + i));
        }
        Message message = pull.recvMessage();
        assertThat(message.size()).isEqualTo(3);
        assertThat(message.getString(0)).isEqualTo("head 9");
        assertThat(message.getString(2)).isEqualTo("tail 9");
        assertThat(pull.recv(Socket.DONTWAIT)).isNull();
    }

    @Test
    void shouldKeepAPullDrainingItsConnectionOverTcp() {
        Socket pull = socket(SocketType.PULL);
        pull.set(SocketOption.CONFLATE, true);
        pull.set(SocketOption.RCVHWM, 1);
        pull.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.set(SocketOption.SNDHWM, 1);
        push.connect(pull.lastEndpoint());
        // 32 MB that the PULL does not read: without conflation the PUSH would block at its high-water mark once
        // the kernel buffers are full; the conflating PULL keeps taking them in and keeps only the latest.
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(push.send(numbered("m", i, 32 * 1024))).as("send %d", i).isTrue();
        }
        assertThat(receiveInOrderUntil(pull, "m", MESSAGES - 1)).isLessThanOrEqualTo(MESSAGES);
    }

    @Test
    void shouldNeverBlockAConflatingPushOverTcp() {
        Socket pull = socket(SocketType.PULL);
        pull.set(SocketOption.RCVHWM, 1);
        pull.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.set(SocketOption.CONFLATE, true);
        push.set(SocketOption.SNDHWM, 1);
        push.connect(pull.lastEndpoint());
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(push.send(numbered("m", i, 32 * 1024), Socket.DONTWAIT))
                    .as("send %d", i)
                    .isTrue();
        }
        receiveInOrderUntil(pull, "m", MESSAGES - 1);
    }

    @Test
    void shouldConflateASubscriberWithoutLosingItsSubscriptionsOverTcp() {
        Socket pub = socket(SocketType.PUB);
        pub.set(SocketOption.SNDHWM, 0); // the PUB itself must drop nothing: the last message has to get out
        pub.bind("tcp://127.0.0.1:*");
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.CONFLATE, true);
        sub.connect(pub.lastEndpoint());
        sub.set(SocketOption.SUBSCRIBE, "A".getBytes(StandardCharsets.US_ASCII));
        sub.set(SocketOption.SUBSCRIBE, "B".getBytes(StandardCharsets.US_ASCII));
        // B was subscribed after A on the same connection: once B arrives, A has too.
        sub.set(SocketOption.RCVTIMEO, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"B-probe".equals(sub.recvString())) {
            assertThat(System.nanoTime()).as("the subscriptions reach the PUB").isLessThan(deadline);
            pub.send("B-probe");
        }
        sub.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
        while (sub.recv(Socket.DONTWAIT) != null) {
            // the other probes
        }
        for (int i = 0; i < MESSAGES; i++) {
            pub.send(numbered("A", i, 100));
        }
        pub.send("B-last");
        int previous = -1;
        while (true) {
            String received = sub.recvString();
            assertThat(received).as("a message after A%d", previous).isNotNull();
            if (received.equals("B-last")) {
                break;
            }
            if (received.equals("B-probe")) {
                continue;
            }
            int number = numberOf(received.getBytes(StandardCharsets.US_ASCII), "A");
            assertThat(number).isGreaterThan(previous);
            previous = number;
        }
    }

    @Test
    void shouldConflateBothWaysOfADealer() {
        Socket left = socket(SocketType.DEALER);
        left.set(SocketOption.CONFLATE, true);
        left.bind(inproc());
        Socket right = socket(SocketType.DEALER);
        right.connect(left.lastEndpoint());
        for (int i = 0; i < 10; i++) {
            right.send("to left " + i);
        }
        assertThat(left.recvString()).isEqualTo("to left 9");
        for (int i = 0; i < 10; i++) {
            left.send("to right " + i);
        }
        assertThat(right.recvString()).isEqualTo("to right 9");
        assertThat(right.recv(Socket.DONTWAIT)).isNull();
    }

    @Test
    void shouldIgnoreConflateOnOtherSocketTypesAsLibzmq() {
        Socket router = socket(SocketType.ROUTER);
        router.set(SocketOption.CONFLATE, true);
        assertThat(router.get(SocketOption.CONFLATE)).isTrue();
        router.bind(inproc());
        Socket dealer = socket(SocketType.DEALER);
        dealer.connect(router.lastEndpoint());
        for (int i = 0; i < 3; i++) {
            dealer.send("message " + i);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(router.recvMessage().getString(1)).isEqualTo("message " + i);
        }
    }
}
