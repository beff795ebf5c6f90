package dev.zmq4j.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.interop.ZmqTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subscriptions on the wire, checked byte for byte against hand-built ZMTP peers (raw {@link java.net.Socket}s,
 * see {@link RawZmtp}).
 *
 * <p>ZMTP 3.0 (RFC 23) carries a subscription as an ordinary one-frame message whose body is {@code 0x01} (or
 * {@code 0x00} to cancel) followed by the topic; ZMTP 3.1 (RFC 37) as a SUBSCRIBE or CANCEL command:
 *
 * <pre>
 * 3.0 subscribe   flags 0x00 | size | 0x01 | topic                      (flags 0x02 and 8-byte size when &gt; 255)
 * 3.0 cancel      flags 0x00 | size | 0x00 | topic
 * 3.1 subscribe   flags 0x04 | size | 0x09 "SUBSCRIBE" | topic          (flags 0x06 and 8-byte size when &gt; 255)
 * 3.1 cancel      flags 0x04 | size | 0x06 "CANCEL"    | topic
 * </pre>
 *
 * A SUB must choose by the version its peer announced (libzmq 4.3.3+ does); a PUB must accept both forms (libzmq
 * 4.3 accepts either from any peer). Topic lengths straddle the 255-byte short/long size boundary of both forms.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PubSubWireTest {
    private static final Duration IO_LIMIT = Duration.ofSeconds(10);
    private static final Duration PROBE_WAIT = Duration.ofMillis(50);
    private static final byte[] SUBSCRIBE = "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CANCEL = "CANCEL".getBytes(StandardCharsets.US_ASCII);
    private static final int MORE = 0x01;
    private static final int LONG = 0x02;
    private static final int COMMAND = 0x04;

    /** The version a raw peer announces in its greeting (byte 11, the minor version). */
    enum Version {
        ZMTP_3_0(0),
        ZMTP_3_1(1);

        final int minor;

        Version(int minor) {
            this.minor = minor;
        }
    }

    /** How a raw SUB peer sends its subscriptions. */
    enum Form {
        MESSAGE,
        COMMAND
    }

    /** When the zmq4j SUB subscribes. */
    enum Moment {
        BEFORE_CONNECT,
        AFTER_HANDSHAKE
    }

    private Context context;

    @BeforeEach
    void createContext() {
        context = Context.create();
    }

    @AfterEach
    void closeContext() {
        ZmqTestSupport.runBounded("Context.close()", Duration.ofSeconds(10), context::close);
    }

    // ---------------------------------------------------------------------------------------------------------
    // (a) A zmq4j SUB speaks to a raw PUB in the PUB's version

    static Stream<Arguments> versionsTopicLengthsAndMoments() {
        List<Arguments> all = new ArrayList<>();
        for (Version version : Version.values()) {
            for (int topicLength : new int[] {5, 245, 246, 255}) {
                for (Moment moment : Moment.values()) {
                    all.add(Arguments.of(version, topicLength, moment));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}-byte topic, subscribed {2}")
    @MethodSource("versionsTopicLengthsAndMoments")
    void shouldSendSubscriptionAndCancellationInTheFormOfThePublishersVersion(
            Version version, int topicLength, Moment moment) throws IOException {
        byte[] topic = topic(topicLength);
        Socket sub = ZmqTestSupport.socket(context, SocketType.SUB);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            if (moment == Moment.BEFORE_CONNECT) {
                sub.set(SocketOption.SUBSCRIBE, topic);
            }
            sub.connect("tcp://127.0.0.1:" + listener.getLocalPort());
            listener.setSoTimeout((int) IO_LIMIT.toMillis());
            try (java.net.Socket raw = listener.accept()) {
                raw.setSoTimeout((int) IO_LIMIT.toMillis());
                InputStream in = raw.getInputStream();
                handshake(raw, version, "PUB");
                if (moment == Moment.AFTER_HANDSHAKE) {
                    sub.set(SocketOption.SUBSCRIBE, topic);
                }
                byte[] expected = version == Version.ZMTP_3_0
                        ? frame(0, prefixed(1, topic))
                        : frame(COMMAND, command(SUBSCRIBE, topic));
                assertWire(
                        readExactly(in, expected.length, "the subscription"),
                        expected,
                        "the zmq4j SUB's subscription to a " + version + " PUB");

                // The connection works both ways: the SUB filters what the raw PUB sends.
                OutputStream out = raw.getOutputStream();
                byte[] other = topic(topicLength).clone();
                other[0] = 'z';
                out.write(frame(0, other));
                out.write(frame(MORE, topic));
                out.write(frame(0, ascii("body")));
                out.flush();
                Message message = ZmqTestSupport.receiveMessage(sub, "the raw PUB's message", () -> "");
                assertThat(message.size()).as("frames received").isEqualTo(2);
                assertThat(message.get(0)).as("topic frame received").isEqualTo(topic);
                assertThat(message.getString(1)).as("body received").isEqualTo("body");

                sub.set(SocketOption.UNSUBSCRIBE, topic);
                byte[] cancel = version == Version.ZMTP_3_0
                        ? frame(0, prefixed(0, topic))
                        : frame(COMMAND, command(CANCEL, topic));
                assertWire(
                        readExactly(in, cancel.length, "the cancellation"),
                        cancel,
                        "the zmq4j SUB's cancellation to a " + version + " PUB");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // (b) A zmq4j PUB accepts subscriptions from raw SUBs in either form and sends matching messages only

    static Stream<Arguments> versionsAndForms() {
        return Stream.of(
                Arguments.of(Version.ZMTP_3_1, Form.COMMAND),
                Arguments.of(Version.ZMTP_3_0, Form.MESSAGE),
                Arguments.of(Version.ZMTP_3_1, Form.MESSAGE),
                Arguments.of(Version.ZMTP_3_0, Form.COMMAND));
    }

    @ParameterizedTest(name = "{0} SUB sending {1}s")
    @MethodSource("versionsAndForms")
    void shouldPublishOnlyMatchingMessagesToRawSubscriber(Version version, Form form) throws IOException {
        Socket pub = ZmqTestSupport.socket(context, SocketType.PUB);
        pub.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connect(pub.lastEndpoint())) {
            handshake(raw, version, "SUB");
            OutputStream out = raw.getOutputStream();
            out.write(subscription(form, true, ascii("A")));
            out.write(subscription(form, true, ascii("C")));
            out.flush();
            PushbackInputStream in = new PushbackInputStream(raw.getInputStream(), 1);
            awaitFirstByte(raw, in, pub, "C-probe");

            byte[] longBody = new byte[300];
            Arrays.fill(longBody, (byte) 'x');
            send(pub, ascii("B"), ascii("b1"));
            send(pub, ascii("A"), ascii("a1"));
            send(pub, ascii("B"), ascii("A"));
            send(pub, ascii("A"), longBody);
            send(pub, ascii("AB"));
            send(pub, ascii("C-end"));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(frame(MORE, ascii("A")));
            expected.writeBytes(frame(0, ascii("a1")));
            expected.writeBytes(frame(MORE, ascii("A")));
            expected.writeBytes(frame(0, longBody)); // flags 0x02, 8-byte size 300
            expected.writeBytes(frame(0, ascii("AB")));
            expected.writeBytes(frame(0, ascii("C-end")));
            assertWire(
                    readMessagesUntil(in, "C-end", "C-probe"),
                    expected.toByteArray(),
                    "what the zmq4j PUB sent to a " + version + " SUB subscribed to \"A\" and \"C\" by " + form);

            out.write(subscription(form, false, ascii("A")));
            out.flush();
            awaitCancellation(in, pub);
            send(pub, ascii("A"), ascii("late"));
            send(pub, ascii("C-end"));
            assertWire(
                    readMessagesUntil(in, "C-end", "C-probe"),
                    frame(0, ascii("C-end")),
                    "what the zmq4j PUB sent after the " + version + " SUB cancelled \"A\" by " + form);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. A subscriber that never reads

    /**
     * A raw SUB subscribes to everything, takes one probe and then never reads again, so the kernel buffers
     * fill: 100,000 blocking sends of 1000 bytes on a PUB with SNDHWM 10 must still all return (a full
     * subscriber's messages are dropped). Bounded by {@link ZmqTestSupport#runBounded}, no timing assertion.
     */
    @Test
    void shouldNotBlockPublisherOnRawSubscriberThatNeverReads() throws IOException {
        Socket pub = ZmqTestSupport.socket(context, SocketType.PUB);
        pub.set(SocketOption.SNDHWM, 10);
        pub.bind("tcp://127.0.0.1:*");
        try (java.net.Socket raw = connect(pub.lastEndpoint())) {
            handshake(raw, Version.ZMTP_3_1, "SUB");
            raw.getOutputStream().write(subscription(Form.COMMAND, true, new byte[0]));
            raw.getOutputStream().flush();
            PushbackInputStream in = new PushbackInputStream(raw.getInputStream(), 1);
            awaitFirstByte(raw, in, pub, "probe");
            byte[] payload = new byte[1000];
            Arrays.fill(payload, (byte) 'p');
            long heapBefore = heapInUseAfterGc();
            ZmqTestSupport.runBounded(
                    "publishing 100000 messages to a raw subscriber that never reads", Duration.ofSeconds(20), () -> {
                        for (int i = 0; i < 100_000; i++) {
                            assertThat(pub.send(payload)).as("PUB send %d", i).isTrue();
                        }
                    });
            // 100 MB were published; what stays queued for the subscriber is bounded by SNDHWM (10 messages) and
            // the connection's buffers, so the heap must not have grown by anything like it.
            long growth = heapInUseAfterGc() - heapBefore;
            assertThat(growth)
                    .as("heap growth in bytes after publishing 100 MB to a stalled subscriber")
                    .isLessThan(32L * 1024 * 1024);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private static long heapInUseAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage()
                .getUsed();
    }

    /** Sends the raw peer's greeting (with {@code version}) and READY, then reads zmq4j's greeting and READY. */
    private static void handshake(java.net.Socket raw, Version version, String socketType) throws IOException {
        RawZmtp.handshake(raw, version.minor, socketType);
    }

    private static java.net.Socket connect(String endpoint) throws IOException {
        return RawZmtp.connect(endpoint, IO_LIMIT);
    }

    /**
     * Publishes {@code probe} until the raw subscriber has a first byte to read (bounded by {@link #IO_LIMIT}),
     * then puts that byte back: the subscription has reached the PUB. Probes are read and skipped later.
     */
    private static void awaitFirstByte(java.net.Socket raw, PushbackInputStream in, Socket pub, String probe)
            throws IOException {
        long deadline = System.nanoTime() + IO_LIMIT.toNanos();
        raw.setSoTimeout((int) PROBE_WAIT.toMillis());
        try {
            while (true) {
                send(pub, ascii(probe));
                try {
                    int first = in.read();
                    if (first < 0) {
                        throw new AssertionError("zmq4j PUB closed the connection instead of sending probes");
                    }
                    in.unread(first);
                    return;
                } catch (SocketTimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("no probe \"" + probe + "\" reached the raw SUB within "
                                + IO_LIMIT.toMillis() + " ms: the PUB did not take its subscription");
                    }
                }
            }
        } finally {
            raw.setSoTimeout((int) IO_LIMIT.toMillis());
        }
    }

    /**
     * Publishes "A" and a "C" fence until a fence arrives without the "A" before it (bounded): the PUB has
     * applied the raw SUB's cancellation of "A".
     */
    private static void awaitCancellation(PushbackInputStream in, Socket pub) throws IOException {
        long deadline = System.nanoTime() + IO_LIMIT.toNanos();
        for (int round = 0; ; round++) {
            send(pub, ascii("A"), ascii("after " + round));
            send(pub, ascii("C-fence " + round));
            byte[] fenceOnly = frame(0, ascii("C-fence " + round));
            byte[] received = readMessagesUntil(in, "C-fence " + round, "C-probe");
            if (Arrays.equals(received, fenceOnly)) {
                return;
            }
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(frame(MORE, ascii("A")));
            both.writeBytes(frame(0, ascii("after " + round)));
            both.writeBytes(fenceOnly);
            assertWire(received, both.toByteArray(), "what the PUB sent while the cancellation travelled");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("\"A\" was still sent " + IO_LIMIT.toMillis() + " ms after the cancellation");
            }
        }
    }

    /**
     * Reads whole messages off the raw socket, dropping one-frame {@code probe} messages, up to and including
     * the one whose first frame is {@code end}; returns their wire bytes exactly as received.
     */
    private static byte[] readMessagesUntil(InputStream in, String end, String probe) throws IOException {
        byte[] endFrame = ascii(end);
        byte[] probeFrame = ascii(probe);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        while (true) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            byte[] firstBody = null;
            int frames = 0;
            int flags;
            do {
                flags = readExactly(in, 1, "a frame's flags (after " + RawZmtp.hex(wire.toByteArray()) + ")")[0] & 0xFF;
                if ((flags & COMMAND) != 0) {
                    throw new AssertionError("zmq4j PUB sent a command (flags " + flags + ") among messages");
                }
                byte[] sizeBytes = readExactly(in, (flags & LONG) != 0 ? 8 : 1, "a frame size");
                long size = (flags & LONG) != 0 ? ByteBuffer.wrap(sizeBytes).getLong() : sizeBytes[0] & 0xFF;
                if (size < 0 || size > 1 << 20) {
                    throw new AssertionError("implausible frame size " + size);
                }
                byte[] body = readExactly(in, (int) size, "a frame body");
                message.write(flags);
                message.writeBytes(sizeBytes);
                message.writeBytes(body);
                if (frames++ == 0) {
                    firstBody = body;
                }
            } while ((flags & MORE) != 0);
            if (frames == 1 && Arrays.equals(firstBody, probeFrame)) {
                continue;
            }
            wire.writeBytes(message.toByteArray());
            if (Arrays.equals(firstBody, endFrame)) {
                return wire.toByteArray();
            }
        }
    }

    /** Reads exactly {@code n} bytes, failing with what was read so far on a timeout or end of stream. */
    private static byte[] readExactly(InputStream in, int n, String what) throws IOException {
        byte[] bytes = new byte[n];
        int read = 0;
        try {
            while (read < n) {
                int count = in.read(bytes, read, n - read);
                if (count < 0) {
                    throw new AssertionError("zmq4j closed the connection while the test waited for " + what + " (got "
                            + RawZmtp.hex(Arrays.copyOf(bytes, read)) + ")");
                }
                read += count;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("zmq4j sent only " + read + " of " + n + " bytes of " + what + " within "
                    + IO_LIMIT.toMillis() + " ms: " + RawZmtp.hex(Arrays.copyOf(bytes, read)));
        }
        return bytes;
    }

    /** A raw subscription or cancellation in the given form. */
    private static byte[] subscription(Form form, boolean subscribe, byte[] topic) {
        return form == Form.COMMAND
                ? frame(COMMAND, command(subscribe ? SUBSCRIBE : CANCEL, topic))
                : frame(0, prefixed(subscribe ? 1 : 0, topic));
    }

    /** A frame as libzmq encodes it: the short size up to 255 bytes, else LONG and an 8-byte size. */
    private static byte[] frame(int flags, byte[] body) {
        boolean isLong = body.length > 255;
        ByteBuffer frame = ByteBuffer.allocate((isLong ? 9 : 2) + body.length);
        frame.put((byte) (flags | (isLong ? LONG : 0)));
        if (isLong) {
            frame.putLong(body.length);
        } else {
            frame.put((byte) body.length);
        }
        return frame.put(body).array();
    }

    /** A command body: name length, name, data. */
    private static byte[] command(byte[] name, byte[] data) {
        return ByteBuffer.allocate(1 + name.length + data.length)
                .put((byte) name.length)
                .put(name)
                .put(data)
                .array();
    }

    private static byte[] prefixed(int first, byte[] topic) {
        return ByteBuffer.allocate(1 + topic.length)
                .put((byte) first)
                .put(topic)
                .array();
    }

    /** A topic of {@code length} bytes, "t0123..." style, so truncation shows. */
    private static byte[] topic(int length) {
        byte[] topic = new byte[length];
        for (int i = 0; i < length; i++) {
            topic[i] = (byte) (i == 0 ? 't' : '0' + i % 10);
        }
        return topic;
    }

    private static void send(Socket pub, byte[]... frames) {
        assertThat(pub.send(Message.of(frames))).as("PUB send").isTrue();
    }

    private static void assertWire(byte[] actual, byte[] expected, String what) {
        if (!Arrays.equals(actual, expected)) {
            throw new AssertionError(
                    what + " was\n  " + RawZmtp.hex(actual) + "\nexpected\n  " + RawZmtp.hex(expected));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
