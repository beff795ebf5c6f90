package dev.zmq4j.socket.pubsub;

import static dev.zmq4j.interop.ZmqTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
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

/** Publish-subscribe between zmq4j sockets over tcp and inproc. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PubSubTest extends ContextFixture {
    private static String endpoint(String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://pubsub-" + System.nanoTime();
    }

    /** Publishes a probe until the subscriber gets one: the subscription has then reached the publisher. */
    private static void awaitSubscription(Socket pub, Socket sub, String probeTopic) {
        sub.set(SocketOption.RCVTIMEO, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            pub.send(probeTopic);
            String got = sub.recvString();
            if (got != null) {
                assertThat(got).isEqualTo(probeTopic);
                break;
            }
            assertThat(System.nanoTime())
                    .as("the subscription reaches the publisher")
                    .isLessThan(deadline);
        }
        // Drain the other probes.
        while (sub.recv(Socket.DONTWAIT) != null) {
            // probe
        }
        sub.set(SocketOption.RCVTIMEO, 5000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldDeliverOnlySubscribedTopics(String transport) {
        Socket pub = socket(SocketType.PUB);
        pub.bind(endpoint(transport));
        Socket sub = socket(SocketType.SUB);
        sub.connect(pub.lastEndpoint());
        sub.set(SocketOption.SUBSCRIBE, bytes("A"));
        awaitSubscription(pub, sub, "A-probe");
        for (int i = 0; i < 100; i++) {
            pub.send(Message.of("B" + i, "not for you"));
            pub.send(Message.of("A" + i, "body " + i));
        }
        for (int i = 0; i < 100; i++) {
            Message message = sub.recvMessage();
            assertThat(message.getString(0)).isEqualTo("A" + i);
            assertThat(message.getString(1)).isEqualTo("body " + i);
        }
        sub.set(SocketOption.UNSUBSCRIBE, bytes("A"));
        sub.set(SocketOption.SUBSCRIBE, bytes("C"));
        awaitSubscription(pub, sub, "C-probe");
        pub.send("A-after");
        pub.send("C-after");
        assertThat(sub.recvString()).isEqualTo("C-after");
    }

    @Test
    void shouldCountSubscriptions() {
        Socket pub = socket(SocketType.PUB);
        pub.bind("inproc://counted");
        Socket sub = socket(SocketType.SUB);
        sub.connect("inproc://counted");
        sub.set(SocketOption.SUBSCRIBE, bytes("T"));
        sub.set(SocketOption.SUBSCRIBE, bytes("T"));
        sub.set(SocketOption.UNSUBSCRIBE, bytes("T"));
        awaitSubscription(pub, sub, "T-probe");
        pub.send("T-still");
        assertThat(sub.recvString()).isEqualTo("T-still");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void shouldHandSubscriptionsToXpub(String transport) {
        Socket xpub = socket(SocketType.XPUB);
        xpub.bind(endpoint(transport));
        Socket first = socket(SocketType.SUB);
        Socket second = socket(SocketType.SUB);
        first.connect(xpub.lastEndpoint());
        second.connect(xpub.lastEndpoint());
        first.set(SocketOption.SUBSCRIBE, bytes("news"));
        assertThat(xpub.recv()).isEqualTo(bytes("\u0001news"));
        second.set(SocketOption.SUBSCRIBE, bytes("news"));
        // Subscriptions from two connections may arrive in any order: wait until the second is in place.
        awaitSubscription(xpub, second, "news-probe");
        first.set(SocketOption.UNSUBSCRIBE, bytes("news"));
        second.set(SocketOption.UNSUBSCRIBE, bytes("news"));
        assertThat(xpub.recv()).as("only the last unsubscription is passed on").isEqualTo(bytes("\u0000news"));
        xpub.set(SocketOption.RCVTIMEO, 100);
        assertThat(xpub.recv()).isNull();
    }

    @Test
    void shouldPassEverySubscriptionWhenVerbose() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(SocketOption.XPUB_VERBOSE, true);
        xpub.bind("inproc://verbose");
        Socket first = socket(SocketType.SUB);
        Socket second = socket(SocketType.SUB);
        first.connect("inproc://verbose");
        second.connect("inproc://verbose");
        first.set(SocketOption.SUBSCRIBE, bytes("x"));
        second.set(SocketOption.SUBSCRIBE, bytes("x"));
        assertThat(xpub.recv()).isEqualTo(bytes("\u0001x"));
        assertThat(xpub.recv()).isEqualTo(bytes("\u0001x"));
    }

    @Test
    void shouldForwardSubscriptionsThroughXsub() {
        Socket pub = socket(SocketType.XPUB);
        pub.bind("tcp://127.0.0.1:*");
        Socket xsub = socket(SocketType.XSUB);
        xsub.connect(pub.lastEndpoint());
        xsub.send(bytes("\u0001weather"));
        assertThat(pub.recv()).isEqualTo(bytes("\u0001weather"));
        pub.send("weather: sunny");
        pub.send("sport: none");
        assertThat(xsub.recvString())
                .as("XSUB receives only what it subscribed to upstream")
                .isEqualTo("weather: sunny");
        xsub.send(bytes("\u0000weather"));
        assertThat(pub.recv()).isEqualTo(bytes("\u0000weather"));
    }

    @Test
    void shouldHandAMultipartUpstreamMessageToXpubWhole() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.bind("inproc://upstream");
        Socket xsub = socket(SocketType.XSUB);
        xsub.connect("inproc://upstream");
        xsub.send(Message.of("\u0001not a subscription: two frames", "second"));
        xsub.send("\u0001topic");
        Message upstream = xpub.recvMessage();
        assertThat(upstream.size()).as("frames of the upstream message").isEqualTo(2);
        assertThat(upstream.getString(1)).isEqualTo("second");
        assertThat(xpub.recv()).as("then the subscription, apart").isEqualTo(bytes("\u0001topic"));
        assertThat(xpub.hasMore()).isFalse();
    }

    @Test
    void shouldResubscribeAfterThePublisherRestarts() throws Exception {
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.RECONNECT_IVL, 20);
        Context publisherContext = Context.create();
        Socket pub = publisherContext.socket(SocketType.PUB);
        pub.set(SocketOption.LINGER, 0);
        pub.bind("tcp://127.0.0.1:*");
        String endpoint = pub.lastEndpoint();
        sub.connect(endpoint);
        sub.set(SocketOption.SUBSCRIBE, bytes("late"));
        awaitSubscription(pub, sub, "late-probe");
        publisherContext.close();
        try (Context restarted = Context.create()) {
            Socket again = restarted.socket(SocketType.PUB);
            again.set(SocketOption.LINGER, 0);
            ZmqTestSupport.bindWhenFree(again, endpoint);
            awaitSubscription(again, sub, "late-again");
        }
    }

    @Test
    void shouldNotBlockOnASlowSubscriber() {
        Socket pub = socket(SocketType.PUB);
        pub.set(SocketOption.SNDHWM, 10);
        pub.bind("inproc://slow");
        Socket sub = socket(SocketType.SUB);
        sub.set(SocketOption.RCVHWM, 10);
        sub.connect("inproc://slow");
        sub.set(SocketOption.SUBSCRIBE, new byte[0]);
        awaitSubscription(pub, sub, "probe");
        for (int i = 0; i < 100_000; i++) {
            assertThat(pub.send("message " + i)).isTrue();
        }
        assertThat(sub.recvString()).startsWith("message ");
    }

    @Test
    void shouldRejectSubscribeOnOtherSocketTypes() {
        Socket pub = socket(SocketType.PUB);
        assertThatThrownBy(() -> pub.set(SocketOption.SUBSCRIBE, bytes("x")))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("SUBSCRIBE")
                .hasMessageContaining("PUB")
                .satisfies(e -> assertThat(((ZmqException) e).code()).isEqualTo(ErrorCode.EINVAL));
        assertThatThrownBy(() -> pub.recv()).isInstanceOf(ZmqException.class);
        Socket sub = socket(SocketType.SUB);
        assertThatThrownBy(() -> sub.send("x")).isInstanceOf(ZmqException.class);
        assertThatThrownBy(() -> sub.get(SocketOption.SUBSCRIBE))
                .isInstanceOf(ZmqException.class)
                .hasMessageContaining("SUBSCRIBE");
    }

    @Test
    void shouldMatchA64KiBTopicWithoutOverflowingTheStack() {
        Socket pub = socket(SocketType.PUB);
        pub.bind("inproc://deep");
        Socket sub = socket(SocketType.SUB);
        sub.connect("inproc://deep");
        byte[] topic = new byte[64 * 1024];
        java.util.Arrays.fill(topic, (byte) 'z');
        sub.set(SocketOption.SUBSCRIBE, topic);
        byte[] message = java.util.Arrays.copyOf(topic, topic.length + 1);
        sub.set(SocketOption.RCVTIMEO, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        byte[] got = null;
        while (got == null) {
            pub.send(message.clone());
            got = sub.recv();
            assertThat(System.nanoTime()).isLessThan(deadline);
        }
        assertThat(got).hasSize(message.length);
        sub.set(SocketOption.UNSUBSCRIBE, topic);
        sub.close();
    }
}
