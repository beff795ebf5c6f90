package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ScriptedLibzmqPeer;
import dev.zmq4j.interop.ZmqTestSupport;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A SUB whose publisher has gone closes, and its context with it, at once, even with LINGER -1 (the default). Its
 * session re-queues the subscriptions for the next connection when the publisher goes; lingering to deliver them
 * hung Context.close for ever, as it does in libzmq 4.3.4 (seen by the perf tools when a libzmq PUB exited right
 * after its last message). Subscriptions are worthless once the SUB is closed, so a SUB never lingers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriberCloseTest {
    @Test
    void shouldCloseASubscriberWhoseZmq4jPublisherHasGone() throws InterruptedException {
        Context publisherContext = Context.create();
        Context subscriberContext = Context.create();
        try {
            Socket pub = publisherContext.socket(SocketType.PUB);
            pub.bind("tcp://127.0.0.1:*");
            Socket sub = subscriber(subscriberContext, pub.lastEndpoint());
            BlockingQueue<SocketEvent> events = events(sub);
            receiveOne(sub, () -> pub.send("tick"));
            ZmqTestSupport.runBounded(
                    "the publisher's Context.close()", Duration.ofSeconds(10), publisherContext::close);
            closeAfterTheHiccup(sub, events);
        } finally {
            ZmqTestSupport.runBounded(
                    "the subscriber's Context.close()", Duration.ofSeconds(10), subscriberContext::close);
            publisherContext.close();
        }
    }

    /** The case the perf tools met: libzmq's PUB (pyzmq), whose process exits. */
    @Test
    void shouldCloseASubscriberWhoseLibzmqPublisherHasGone() throws InterruptedException {
        Context subscriberContext = Context.create();
        try (ScriptedLibzmqPeer pub = ScriptedLibzmqPeer.bound("pub-script")) {
            Socket sub = subscriber(subscriberContext, pub.endpoint());
            BlockingQueue<SocketEvent> events = events(sub);
            receiveOne(sub, () -> pub.send("tick"));
            pub.quit();
            closeAfterTheHiccup(sub, events);
        } finally {
            ZmqTestSupport.runBounded(
                    "the subscriber's Context.close()", Duration.ofSeconds(10), subscriberContext::close);
        }
    }

    /** A SUB of everything, LINGER left at its default (-1), connected to {@code endpoint}. */
    private static Socket subscriber(Context context, String endpoint) {
        Socket sub = context.socket(SocketType.SUB);
        assertThat(sub.get(SocketOption.LINGER)).isEqualTo(-1);
        sub.set(SocketOption.SUBSCRIBE, new byte[0]);
        sub.set(SocketOption.RCVTIMEO, 20);
        sub.connect(endpoint);
        return sub;
    }

    private static BlockingQueue<SocketEvent> events(Socket sub) {
        BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();
        sub.addEventListener(events::add, SocketEvent.ALL);
        return events;
    }

    /** Publishes until one message gets through (the subscription travels first), within 10 s. */
    private static void receiveOne(Socket sub, Runnable publish) {
        String received = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received == null && System.nanoTime() < deadline) {
            publish.run();
            received = sub.recvString();
        }
        assertThat(received).as("a tick within 10 s").isEqualTo("tick");
    }

    private static void closeAfterTheHiccup(Socket sub, BlockingQueue<SocketEvent> events) throws InterruptedException {
        ZmqTestSupport.awaitEvent(events, SocketEvent.Type.DISCONNECTED);
        // Calls on the SUB let it take the session's hiccup (sent just after DISCONNECTED) and re-queue its
        // subscriptions, as an application still reading would. Were the hiccup later than these, the close
        // below would have nothing queued to wait for: the test could pass without the case, never fail falsely.
        sub.set(SocketOption.RCVTIMEO, 100);
        for (int call = 0; call < 10; call++) {
            sub.recv();
        }
        sub.close();
    }
}
