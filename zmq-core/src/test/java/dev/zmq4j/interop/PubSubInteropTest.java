package dev.zmq4j.interop;

import static dev.zmq4j.interop.ScriptedLibzmqPeer.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * zmq4j's PUB, SUB, XPUB and XSUB against libzmq 4.3 ({@code zmq_peer.py} in its {@code *-script} roles, driven
 * one command at a time by {@link ScriptedLibzmqPeer}), with each side binding in turn.
 *
 * <p>Publish-subscribe drops whatever is published before the subscription reaches the publisher, so no test
 * publishes its real traffic before it has seen a probe message arrive (ZeroMQ's own tests do the same): the
 * publisher sends a probe on a subscribed topic, the subscriber waits a little for it, and the two repeat until a
 * probe gets through or a deadline passes. Probes still in flight afterwards are skipped when reading. Where an
 * XPUB is involved, seeing the subscription message itself is the signal instead.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PubSubInteropTest {
    private static final Duration PROBE_WAIT = Duration.ofMillis(50);
    private static final Duration SYNC_LIMIT = Duration.ofSeconds(10);
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(10);
    private static final byte[] SUBSCRIBE_A = {1, 'A'};

    /** Which side binds; the other connects to it. */
    enum Binder {
        ZMQ4J_BINDS,
        LIBZMQ_BINDS
    }

    /** A publisher and a subscriber, one of them zmq4j and the other libzmq. */
    enum Pairing {
        ZMQ4J_PUB_TO_LIBZMQ_SUB(SocketType.PUB, "sub-script", true),
        LIBZMQ_PUB_TO_ZMQ4J_SUB(SocketType.SUB, "pub-script", false),
        ZMQ4J_XPUB_TO_LIBZMQ_XSUB(SocketType.XPUB, "xsub-script", true),
        LIBZMQ_XPUB_TO_ZMQ4J_XSUB(SocketType.XSUB, "xpub-script", false),
        ZMQ4J_PUB_TO_LIBZMQ_XSUB(SocketType.PUB, "xsub-script", true),
        LIBZMQ_XPUB_TO_ZMQ4J_SUB(SocketType.SUB, "xpub-script", false);

        final SocketType zmq4jType;
        final String libzmqRole;
        final boolean zmq4jPublishes;

        Pairing(SocketType zmq4jType, String libzmqRole, boolean zmq4jPublishes) {
            this.zmq4jType = zmq4jType;
            this.libzmqRole = libzmqRole;
            this.zmq4jPublishes = zmq4jPublishes;
        }
    }

    private Context context;

    /** Where the bound end binds; a subclass runs every case over another transport. */
    protected String bindEndpoint() {
        return "tcp://127.0.0.1:*";
    }

    private final List<ScriptedLibzmqPeer> peers = new ArrayList<>();

    @BeforeAll
    static void requireLibzmq() {
        LibzmqPeer.requirePyzmq();
    }

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeAll() {
        peers.forEach(ScriptedLibzmqPeer::close);
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    static Stream<Arguments> pairingsAndBinders() {
        return Arrays.stream(Pairing.values())
                .flatMap(pairing -> Arrays.stream(Binder.values()).map(binder -> Arguments.of(pairing, binder)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. Data: topic filtering, multipart messages, unsubscription (PUB/SUB and the X variants alike)

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("pairingsAndBinders")
    void shouldDeliverOnlyMatchingTopicsWithMultipartMessagesWhole(Pairing pairing, Binder binder) {
        Ends ends = start(pairing, binder, socket -> {});
        ends.subscriber.subscribe("A");
        awaitSubscription(ends, "A-probe");

        byte[] longBody = new byte[300]; // crosses the short/long frame size boundary
        Arrays.fill(longBody, (byte) 'x');
        ends.publisher.publish(ascii("B", "b1"));
        ends.publisher.publish(ascii("A", "a1"));
        ends.publisher.publish(ascii("B", "A", "the topic is the first frame only"));
        ends.publisher.publish(ascii("A", "", "three frames, one empty"));
        ends.publisher.publish(ascii("Bx"));
        ends.publisher.publish(new byte[] {'A'}, longBody);
        ends.publisher.publish(ascii("AB", "a prefix match"));
        ends.publisher.publish(ascii("A-end"));

        List<List<byte[]>> received = receiveUntil(ends, "A-end", "A-probe");
        assertMessages(
                received,
                List.of(
                        List.of(ascii("A", "a1")),
                        List.of(ascii("A", "", "three frames, one empty")),
                        List.of(new byte[] {'A'}, longBody),
                        List.of(ascii("AB", "a prefix match")),
                        List.of(ascii("A-end"))),
                "messages the subscriber to \"A\" received",
                ends);
        ends.quit();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("pairingsAndBinders")
    void shouldStopDeliveringTopicAfterUnsubscribe(Pairing pairing, Binder binder) {
        Ends ends = start(pairing, binder, socket -> {});
        ends.subscriber.subscribe("A");
        ends.subscriber.subscribe("C");
        awaitSubscription(ends, "C-probe");
        ends.publisher.publish(ascii("A", "before"));
        ends.publisher.publish(ascii("C-fence"));
        assertMessages(
                receiveUntil(ends, "C-fence", "C-probe"),
                List.of(List.of(ascii("A", "before")), List.of(ascii("C-fence"))),
                "messages before unsubscribing",
                ends);

        ends.subscriber.unsubscribe("A");
        // The cancellation travels while we publish: publish "A" then a fence on "C" until a round delivers the
        // fence without the "A" before it. Messages of one publisher arrive in order, so from then on the
        // publisher has applied the cancellation.
        long deadline = System.nanoTime() + SYNC_LIMIT.toNanos();
        for (int round = 0; ; round++) {
            ends.publisher.publish(ascii("A", "after " + round));
            ends.publisher.publish(ascii("C-fence " + round));
            List<List<byte[]>> received = receiveUntil(ends, "C-fence " + round, "C-probe");
            if (received.size() == 1) {
                break;
            }
            assertMessages(
                    received,
                    List.of(List.of(ascii("A", "after " + round)), List.of(ascii("C-fence " + round))),
                    "messages while the cancellation travels",
                    ends);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("\"A\" was still delivered " + SYNC_LIMIT.toMillis()
                        + " ms after unsubscribing" + ends.diagnostics());
            }
        }
        ends.publisher.publish(ascii("A", "late"));
        ends.publisher.publish(ascii("AZ"));
        ends.publisher.publish(ascii("C-end"));
        assertMessages(
                receiveUntil(ends, "C-end", "C-probe"),
                List.of(List.of(ascii("C-end"))),
                "messages after unsubscribing from \"A\"",
                ends);
        ends.quit();
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. Subscriptions as XPUB sees them, forwarded both ways

    /**
     * A libzmq XPUB sees zmq4j's subscriptions as {@code 0x01 topic} and cancellations as {@code 0x00 topic}.
     *
     * <p>libzmq 4.3.4 quirk: a libzmq XPUB that <em>connects</em> did not report a subscription that arrived in
     * the same segment as the peer's greeting and READY (seen with hand-built bytes; one arriving later is
     * reported). A zmq4j subscriber may send its subscription that early, so the first one is only required to
     * show when libzmq binds; the second one, made once data flows, must show either way.
     */
    @ParameterizedTest(name = "zmq4j {0}, {1}")
    @MethodSource("zmq4jSubscribersAndBinders")
    void shouldShowZmq4jSubscriptionsToLibzmqXpub(SocketType zmq4jType, Binder binder) {
        Pairing pairing =
                zmq4jType == SocketType.SUB ? Pairing.LIBZMQ_XPUB_TO_ZMQ4J_SUB : Pairing.LIBZMQ_XPUB_TO_ZMQ4J_XSUB;
        Ends ends = start(pairing, binder, socket -> {});
        ScriptedLibzmqPeer xpub = ends.peer;
        ends.subscriber.subscribe("A");
        if (binder == Binder.LIBZMQ_BINDS) {
            assertFrame(
                    receiveFromPeer(xpub, "the subscription to \"A\""),
                    SUBSCRIBE_A,
                    "what libzmq XPUB received for zmq4j's subscription to \"A\"",
                    ends);
        }
        awaitSubscription(ends, "A-probe");

        ends.subscriber.subscribe("B");
        byte[] notification = receiveFromPeer(xpub, "the subscription to \"B\"");
        if (binder == Binder.ZMQ4J_BINDS && Arrays.equals(notification, SUBSCRIBE_A)) {
            notification = receiveFromPeer(xpub, "the subscription to \"B\"");
        }
        assertFrame(notification, new byte[] {1, 'B'}, "what libzmq XPUB received after subscribing to \"B\"", ends);

        ends.publisher.publish(ascii("B", "b1"));
        ends.publisher.publish(ascii("C", "c1"));
        ends.publisher.publish(ascii("A-end"));
        assertMessages(
                receiveUntil(ends, "A-end", "A-probe"),
                List.of(List.of(ascii("B", "b1")), List.of(ascii("A-end"))),
                "messages for \"A\" and \"B\"",
                ends);

        ends.subscriber.unsubscribe("B");
        assertFrame(
                receiveFromPeer(xpub, "the cancellation of \"B\""),
                new byte[] {0, 'B'},
                "what libzmq XPUB received for unsubscribing from \"B\"",
                ends);
        ends.subscriber.unsubscribe("A");
        assertFrame(
                receiveFromPeer(xpub, "the cancellation of \"A\""),
                new byte[] {0, 'A'},
                "what libzmq XPUB received for unsubscribing from \"A\"",
                ends);
        ends.quit();
    }

    static Stream<Arguments> zmq4jSubscribersAndBinders() {
        return Stream.of(SocketType.SUB, SocketType.XSUB)
                .flatMap(type -> Arrays.stream(Binder.values()).map(binder -> Arguments.of(type, binder)));
    }

    /** A zmq4j XPUB sees a libzmq SUB's or XSUB's subscriptions and cancellations, in libzmq's 0x01/0x00 form. */
    @ParameterizedTest(name = "libzmq {0}, {1}")
    @MethodSource("libzmqSubscribersAndBinders")
    void shouldShowLibzmqSubscriptionsToZmq4jXpub(String libzmqRole, Binder binder) {
        Pairing pairing =
                libzmqRole.equals("sub-script") ? Pairing.ZMQ4J_PUB_TO_LIBZMQ_SUB : Pairing.ZMQ4J_XPUB_TO_LIBZMQ_XSUB;
        Ends ends = start(pairing, binder, socket -> {}, SocketType.XPUB);
        Socket xpub = ends.zmq4j;
        ends.subscriber.subscribe("A");
        assertFrame(
                awaitSubscriptionFrom(ends.peer, xpub, "the subscription to \"A\"", ends),
                SUBSCRIBE_A,
                "what zmq4j XPUB received for libzmq's subscription to \"A\"",
                ends);
        awaitSubscription(ends, "A-probe");
        ends.publisher.publish(ascii("B", "b1"));
        ends.publisher.publish(ascii("A", "a1"));
        ends.publisher.publish(ascii("A-end"));
        assertMessages(
                receiveUntil(ends, "A-end", "A-probe"),
                List.of(List.of(ascii("A", "a1")), List.of(ascii("A-end"))),
                "messages for \"A\"",
                ends);

        ends.subscriber.unsubscribe("A");
        assertFrame(
                receiveFrame(xpub, "the cancellation of \"A\"", ends),
                new byte[] {0, 'A'},
                "what zmq4j XPUB received for libzmq's unsubscription from \"A\"",
                ends);
        ends.quit();
    }

    static Stream<Arguments> libzmqSubscribersAndBinders() {
        return Stream.of("sub-script", "xsub-script")
                .flatMap(role -> Arrays.stream(Binder.values()).map(binder -> Arguments.of(role, binder)));
    }

    /**
     * Without XPUB_VERBOSE a zmq4j XPUB passes on only the first subscription to a topic; with it, every one:
     * a libzmq SUB subscribing to "A" twice (libzmq SUBs forward duplicates) and a second SUB subscribing to "A"
     * too. A fresh topic after each duplicate marks where it would have appeared.
     */
    @ParameterizedTest(name = "verbose {0}, {1}")
    @MethodSource("verbosityAndBinders")
    void shouldPassDuplicateSubscriptionsOnlyWhenVerbose(boolean verbose, Binder binder) {
        Ends ends = start(
                Pairing.ZMQ4J_PUB_TO_LIBZMQ_SUB,
                binder,
                socket -> socket.set(SocketOption.XPUB_VERBOSE, verbose),
                SocketType.XPUB);
        Socket xpub = ends.zmq4j;
        ScriptedLibzmqPeer first = ends.peer;
        first.subscribe(ascii("A")[0]);
        assertFrame(
                awaitSubscriptionFrom(first, xpub, "the first subscription to \"A\"", ends),
                SUBSCRIBE_A,
                "first subscription",
                ends);
        first.subscribe(ascii("A")[0]);
        first.subscribe(ascii("C")[0]);
        if (verbose) {
            assertFrame(
                    receiveFrame(xpub, "the duplicate subscription to \"A\"", ends),
                    SUBSCRIBE_A,
                    "the same SUB's second subscription to \"A\" (XPUB_VERBOSE)",
                    ends);
        }
        assertFrame(
                receiveFrame(xpub, "the subscription to \"C\"", ends),
                new byte[] {1, 'C'},
                "the subscription after the same SUB's duplicate" + (verbose ? "" : " (not verbose)"),
                ends);

        ScriptedLibzmqPeer second = binder == Binder.ZMQ4J_BINDS
                ? track(ScriptedLibzmqPeer.connected("sub-script", xpub.lastEndpoint()))
                : track(ScriptedLibzmqPeer.bound("sub-script"));
        if (binder == Binder.LIBZMQ_BINDS) {
            xpub.connect(second.endpoint());
        }
        second.subscribe(ascii("A")[0]);
        second.subscribe(ascii("D")[0]);
        byte[] notification = awaitSubscriptionFrom(second, xpub, "the second SUB's first subscription", ends);
        if (verbose) {
            assertFrame(notification, SUBSCRIBE_A, "the second SUB's subscription to \"A\" (XPUB_VERBOSE)", ends);
            notification = receiveFrame(xpub, "the subscription to \"D\"", ends);
        }
        assertFrame(
                notification,
                new byte[] {1, 'D'},
                "the subscription after the second SUB's \"A\"" + (verbose ? "" : " (not verbose)"),
                ends);
        second.quit();
        ends.quit();
    }

    static Stream<Arguments> verbosityAndBinders() {
        return Stream.of(false, true)
                .flatMap(verbose -> Arrays.stream(Binder.values()).map(binder -> Arguments.of(verbose, binder)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. A subscriber that never reads

    /**
     * With SNDHWM 10 and a libzmq SUB that stops reading after the probe, 100,000 blocking sends of 1000 bytes
     * (100 MB, far beyond socket buffers and the SUB's RCVHWM) must all return: PUB drops for a full
     * subscriber, it never blocks. Bounded by {@link ZmqTestSupport#runBounded}, no timing assertion.
     */
    @ParameterizedTest
    @EnumSource(Binder.class)
    void shouldNotBlockPublisherOnSubscriberThatNeverReads(Binder binder) {
        Ends ends = start(Pairing.ZMQ4J_PUB_TO_LIBZMQ_SUB, binder, socket -> socket.set(SocketOption.SNDHWM, 10));
        ends.subscriber.subscribe("");
        awaitSubscription(ends, "probe");
        byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 'p');
        Socket pub = ends.zmq4j;
        ZmqTestSupport.runBounded(
                "publishing 100000 messages to a subscriber that never reads", Duration.ofSeconds(20), () -> {
                    for (int i = 0; i < 100_000; i++) {
                        if (!pub.send(payload)) {
                            throw new AssertionError("PUB send " + i + " returned false" + ends.diagnostics());
                        }
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private Ends start(Pairing pairing, Binder binder, Consumer<Socket> configure) {
        return start(pairing, binder, configure, pairing.zmq4jType);
    }

    private Ends start(Pairing pairing, Binder binder, Consumer<Socket> configure, SocketType zmq4jType) {
        Socket socket = ZmqTestSupport.socket(context, zmq4jType);
        configure.accept(socket);
        ScriptedLibzmqPeer peer;
        if (binder == Binder.ZMQ4J_BINDS) {
            socket.bind(bindEndpoint());
            peer = track(ScriptedLibzmqPeer.connected(pairing.libzmqRole, socket.lastEndpoint()));
        } else {
            peer = track(ScriptedLibzmqPeer.boundAt(pairing.libzmqRole, bindEndpoint()));
            socket.connect(peer.endpoint());
        }
        return new Ends(socket, peer, pairing.zmq4jPublishes, pairing.libzmqRole.equals("xsub-script"));
    }

    private ScriptedLibzmqPeer track(ScriptedLibzmqPeer peer) {
        peers.add(peer);
        return peer;
    }

    /** Publishes {@code probe} until the subscriber receives it (bounded by {@link #SYNC_LIMIT}). */
    private static void awaitSubscription(Ends ends, String probe) {
        long deadline = System.nanoTime() + SYNC_LIMIT.toNanos();
        while (true) {
            ends.publisher.publish(ascii(probe));
            List<byte[]> received = ends.subscriber.poll(PROBE_WAIT);
            if (received != null) {
                assertMessages(List.of(received), List.of(List.of(ascii(probe))), "the first message received", ends);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the subscriber received none of the probes \"" + probe + "\" published"
                        + " for " + SYNC_LIMIT.toMillis() + " ms" + ends.diagnostics());
            }
        }
    }

    /** Receives messages, dropping probes, up to and including the one whose first frame is {@code end}. */
    private static List<List<byte[]>> receiveUntil(Ends ends, String end, String probe) {
        byte[] endFrame = ascii(end)[0];
        byte[] probeFrame = ascii(probe)[0];
        List<List<byte[]>> received = new ArrayList<>();
        while (true) {
            List<byte[]> message = ends.subscriber.poll(RECEIVE_WAIT);
            if (message == null) {
                throw new AssertionError("no \"" + end + "\" within " + RECEIVE_WAIT.toMillis() + " ms; received "
                        + show(received) + ends.diagnostics());
            }
            if (message.size() == 1 && Arrays.equals(message.get(0), probeFrame)) {
                continue;
            }
            received.add(message);
            if (Arrays.equals(message.get(0), endFrame)) {
                return received;
            }
        }
    }

    /**
     * Waits (bounded) for the zmq4j XPUB to receive a subscription from a libzmq subscriber, nudging the libzmq
     * socket meanwhile. A libzmq socket attaches an accepted connection's pipe only when its application thread
     * next calls into it (the attach is a command to that thread; libzmq issue #2267), and only then sends its
     * subscriptions. The script role sits idle on stdin, so {@code recv 0} (a zero-timeout poll, which runs the
     * socket's pending commands) stands in for an application that uses its socket. Nothing is published to the
     * subscriber at that point, so the nudge consumes no message.
     */
    private static byte[] awaitSubscriptionFrom(ScriptedLibzmqPeer subscriber, Socket xpub, String what, Ends ends) {
        long deadline = System.nanoTime() + SYNC_LIMIT.toNanos();
        xpub.set(SocketOption.RCVTIMEO, (int) PROBE_WAIT.toMillis());
        try {
            while (true) {
                List<byte[]> unexpected = subscriber.receive(Duration.ZERO);
                if (unexpected != null) {
                    throw new AssertionError("the libzmq subscriber received " + Traffic.show(unexpected)
                            + " before anything was published" + ends.diagnostics());
                }
                Message message = xpub.recvMessage();
                if (message != null) {
                    assertThat(message.size())
                            .as("frames of %s: %s", what, message)
                            .isEqualTo(1);
                    return message.get(0);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("zmq4j XPUB received no " + what + " within " + SYNC_LIMIT.toMillis()
                            + " ms" + subscriber.diagnostics());
                }
            }
        } finally {
            xpub.set(SocketOption.RCVTIMEO, ZmqTestSupport.TIMEOUT_MS);
        }
    }

    private static byte[] receiveFromPeer(ScriptedLibzmqPeer peer, String what) {
        List<byte[]> message = peer.receive(RECEIVE_WAIT);
        if (message == null) {
            throw new AssertionError(
                    "libzmq received no " + what + " within " + RECEIVE_WAIT.toMillis() + " ms" + peer.diagnostics());
        }
        if (message.size() != 1) {
            throw new AssertionError("libzmq received " + Traffic.show(message) + " for " + what
                    + ", expected one frame" + peer.diagnostics());
        }
        return message.get(0);
    }

    private static byte[] receiveFrame(Socket socket, String what, Ends ends) {
        Message message = ZmqTestSupport.receiveMessage(socket, what, ends::diagnostics);
        assertThat(message.size()).as("frames of %s: %s", what, message).isEqualTo(1);
        return message.get(0);
    }

    private static void assertFrame(byte[] actual, byte[] expected, String what, Ends ends) {
        if (!Arrays.equals(actual, expected)) {
            throw new AssertionError(what + " was " + hex(actual) + ", expected " + hex(expected) + ends.diagnostics());
        }
    }

    private static void assertMessages(List<List<byte[]>> actual, List<List<byte[]>> expected, String what, Ends ends) {
        boolean same = actual.size() == expected.size();
        for (int i = 0; same && i < actual.size(); i++) {
            List<byte[]> a = actual.get(i);
            List<byte[]> e = expected.get(i);
            same = a.size() == e.size();
            for (int j = 0; same && j < a.size(); j++) {
                same = Arrays.equals(a.get(j), e.get(j));
            }
        }
        if (!same) {
            throw new AssertionError(
                    what + " were " + show(actual) + ", expected " + show(expected) + ends.diagnostics());
        }
    }

    private static String show(List<List<byte[]>> messages) {
        return messages.stream().map(Traffic::show).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xFF));
        }
        return text.append(" (\"")
                .append(new String(bytes, StandardCharsets.ISO_8859_1))
                .append("\")")
                .toString();
    }

    private static byte[] withCommandByte(int command, String topic) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[topicBytes.length + 1];
        message[0] = (byte) command;
        System.arraycopy(topicBytes, 0, message, 1, topicBytes.length);
        return message;
    }

    /** The publishing end, whichever library it is. */
    private interface Publisher {
        void publish(byte[]... frames);
    }

    /** The subscribing end, whichever library it is; an XSUB subscribes by sending 0x01/0x00 messages. */
    private interface Subscriber {
        void subscribe(String topic);

        void unsubscribe(String topic);

        /** One message, or null when none came within {@code wait}. */
        List<byte[]> poll(Duration wait);
    }

    /** The zmq4j socket, the libzmq peer, and which of them publishes. */
    private static final class Ends {
        final Socket zmq4j;
        final ScriptedLibzmqPeer peer;
        final Publisher publisher;
        final Subscriber subscriber;

        Ends(Socket zmq4j, ScriptedLibzmqPeer peer, boolean zmq4jPublishes, boolean libzmqIsXsub) {
            this.zmq4j = zmq4j;
            this.peer = peer;
            if (zmq4jPublishes) {
                publisher = frames -> ZmqTestSupport.sendMessage(
                        zmq4j, Message.of(frames), Traffic.show(Arrays.asList(frames)), this::diagnostics);
                subscriber = libzmqSubscriber(peer, libzmqIsXsub);
            } else {
                publisher = peer::send;
                subscriber = zmq4jSubscriber(zmq4j);
            }
        }

        String diagnostics() {
            return peer.diagnostics();
        }

        void quit() {
            peer.quit();
        }

        private static Subscriber libzmqSubscriber(ScriptedLibzmqPeer peer, boolean xsub) {
            return new Subscriber() {
                @Override
                public void subscribe(String topic) {
                    if (xsub) {
                        peer.send(withCommandByte(1, topic));
                    } else {
                        peer.subscribe(topic.getBytes(StandardCharsets.US_ASCII));
                    }
                }

                @Override
                public void unsubscribe(String topic) {
                    if (xsub) {
                        peer.send(withCommandByte(0, topic));
                    } else {
                        peer.unsubscribe(topic.getBytes(StandardCharsets.US_ASCII));
                    }
                }

                @Override
                public List<byte[]> poll(Duration wait) {
                    return peer.receive(wait);
                }
            };
        }

        private static Subscriber zmq4jSubscriber(Socket socket) {
            boolean xsub = socket.type() == SocketType.XSUB;
            return new Subscriber() {
                @Override
                public void subscribe(String topic) {
                    if (xsub) {
                        assertThat(socket.send(withCommandByte(1, topic)))
                                .as("XSUB sent 0x01 %s", topic)
                                .isTrue();
                    } else {
                        socket.set(SocketOption.SUBSCRIBE, topic.getBytes(StandardCharsets.US_ASCII));
                    }
                }

                @Override
                public void unsubscribe(String topic) {
                    if (xsub) {
                        assertThat(socket.send(withCommandByte(0, topic)))
                                .as("XSUB sent 0x00 %s", topic)
                                .isTrue();
                    } else {
                        socket.set(SocketOption.UNSUBSCRIBE, topic.getBytes(StandardCharsets.US_ASCII));
                    }
                }

                @Override
                public List<byte[]> poll(Duration wait) {
                    return ZmqTestSupport.pollFrames(socket, wait);
                }
            };
        }
    }
}
