package dev.zmq4j.interop;

import static dev.zmq4j.interop.ScriptedPeer.ascii;
import static dev.zmq4j.interop.ZmqTestSupport.assertFrames;
import static dev.zmq4j.interop.ZmqTestSupport.receiveMessage;
import static dev.zmq4j.interop.ZmqTestSupport.sendMessage;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interop scenarios of {@link InteropScenarios} over {@code ws://127.0.0.1} with a Node peer ({@link NodePeer}),
 * plus what the Node libraries are tested for beyond them: frames needing each WebSocket payload length form and
 * PUB/SUB topic filtering, each with either side binding. Subclasses name the library.
 */
abstract class NodeWsScenarios extends InteropScenarios {
    private static final Duration PROBE_WAIT = Duration.ofMillis(50);
    private static final Duration SYNC_LIMIT = Duration.ofSeconds(10);
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(10);

    /**
     * Frame sizes around the RFC 6455 length forms: the WebSocket payload is the frame plus its flags byte, so 124
     * is the largest with a 7-bit length, 125 and 65534 the ends of the 16-bit form, 65535 the first 64-bit one.
     */
    private static final int[] FRAME_SIZES = {124, 125, 200, 65_534, 65_535, 70 * 1024};

    /** The library the Node peer speaks through. */
    protected abstract NodePeer.Library library();

    /** Skips each test (visibly, with the reason) when node or the library is missing. */
    @BeforeEach
    void requireLibrary() {
        NodePeer.require(library());
    }

    @Override
    protected String bindEndpoint() {
        return "ws://127.0.0.1:*/zmq";
    }

    @Override
    protected InteropPeer startBound(PeerRole role, PeerArgs args) {
        return NodePeer.bound(library(), role.scriptName(), bindEndpoint(), args.commandLine());
    }

    @Override
    protected InteropPeer startConnected(PeerRole role, String endpoint, PeerArgs args) {
        return NodePeer.connected(library(), role.scriptName(), endpoint, args.commandLine());
    }

    /** A Node socket of {@code type} driven by commands: bound, or connected to {@code socket}, which is bound. */
    protected ScriptedPeer attachScripted(Socket socket, boolean zmq4jBinds, String type) {
        return attach(
                socket,
                zmq4jBinds,
                endpoint -> NodePeer.scriptedConnected(library(), type, endpoint),
                () -> NodePeer.scriptedBound(library(), type, bindEndpoint()),
                ScriptedPeer::endpoint);
    }

    @ParameterizedTest(name = "zmq4j binds: {0}")
    @ValueSource(booleans = {true, false})
    void shouldEchoMultipartMessagesWithFramesOfEveryWebSocketLengthForm(boolean zmq4jBinds) {
        List<byte[][]> messages = new ArrayList<>();
        for (int size : FRAME_SIZES) {
            messages.add(new byte[][] {pattern(size)});
        }
        messages.add(
                Arrays.stream(FRAME_SIZES).mapToObj(NodeWsScenarios::pattern).toArray(byte[][]::new));
        messages.add(new byte[][] {pattern(200), new byte[0], pattern(70 * 1024), ascii("last")[0]});

        Socket req = ZmqTestSupport.socket(context(), SocketType.REQ);
        try (InteropPeer peer = attach(req, zmq4jBinds, PeerRole.REP_ECHO, PeerArgs.count(messages.size()))) {
            for (int i = 0; i < messages.size(); i++) {
                Message request = Message.of(messages.get(i));
                sendMessage(req, request, "message " + i, peer::diagnostics);
                assertFrames(
                        receiveMessage(req, "echo " + i, peer::diagnostics), request, "echo " + i, peer::diagnostics);
            }
            peer.awaitSuccess();
        }
    }

    @ParameterizedTest(name = "zmq4j publishes: {0}, zmq4j binds: {1}")
    @CsvSource({"true, true", "true, false", "false, true", "false, false"})
    void shouldDeliverOnlySubscribedTopicsWithMultipartMessagesWhole(boolean zmq4jPublishes, boolean zmq4jBinds) {
        Socket socket = ZmqTestSupport.socket(context(), zmq4jPublishes ? SocketType.PUB : SocketType.SUB);
        try (ScriptedPeer peer = attachScripted(socket, zmq4jBinds, zmq4jPublishes ? "sub" : "pub")) {
            Consumer<byte[][]> publish = zmq4jPublishes
                    ? frames ->
                            sendMessage(socket, Message.of(frames), Traffic.show(List.of(frames)), peer::diagnostics)
                    : peer::send;
            Function<Duration, List<byte[]>> poll =
                    zmq4jPublishes ? peer::receive : wait -> ZmqTestSupport.pollFrames(socket, wait);
            if (zmq4jPublishes) {
                peer.subscribe(ascii("A")[0]);
            } else {
                socket.set(SocketOption.SUBSCRIBE, ascii("A")[0]);
            }
            awaitSubscription(publish, poll, peer);

            byte[] longBody = pattern(300);
            publish.accept(ascii("B", "b1"));
            publish.accept(ascii("A", "a1"));
            publish.accept(ascii("B", "A", "the topic is the first frame only"));
            publish.accept(ascii("A", "", "three frames, one empty"));
            publish.accept(ascii("Bx"));
            publish.accept(new byte[][] {ascii("A")[0], longBody});
            publish.accept(ascii("AB", "a prefix match"));
            publish.accept(ascii("A-end"));

            List<List<byte[]>> expected = List.of(
                    List.of(ascii("A", "a1")),
                    List.of(ascii("A", "", "three frames, one empty")),
                    List.of(ascii("A")[0], longBody),
                    List.of(ascii("AB", "a prefix match")),
                    List.of(ascii("A-end")));
            List<List<byte[]>> received = receiveUntilEnd(poll, peer);
            for (int i = 0; i < Math.max(expected.size(), received.size()); i++) {
                if (i >= expected.size() || i >= received.size()) {
                    throw new AssertionError("the subscriber to \"A\" received " + received.size() + " messages, "
                            + "expected " + expected.size() + peer.diagnostics());
                }
                assertFrames(received.get(i), expected.get(i), "message " + i + " to \"A\"", peer::diagnostics);
            }
            peer.quit();
        }
    }

    /** Publishes "A-probe" until the subscriber receives it: the subscription has then reached the publisher. */
    private static void awaitSubscription(
            Consumer<byte[][]> publish, Function<Duration, List<byte[]>> poll, ScriptedPeer peer) {
        long deadline = System.nanoTime() + SYNC_LIMIT.toNanos();
        while (true) {
            publish.accept(ascii("A-probe"));
            List<byte[]> received = poll.apply(PROBE_WAIT);
            if (received != null) {
                assertFrames(received, List.of(ascii("A-probe")), "the first message received", peer::diagnostics);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the subscriber received none of the probes published for "
                        + SYNC_LIMIT.toMillis() + " ms" + peer.diagnostics());
            }
        }
    }

    /** Receives messages, dropping late probes, up to and including "A-end". */
    private static List<List<byte[]>> receiveUntilEnd(Function<Duration, List<byte[]>> poll, ScriptedPeer peer) {
        List<List<byte[]>> received = new ArrayList<>();
        while (true) {
            List<byte[]> message = poll.apply(RECEIVE_WAIT);
            if (message == null) {
                throw new AssertionError("no \"A-end\" within " + RECEIVE_WAIT.toMillis() + " ms; received "
                        + received.size() + " messages" + peer.diagnostics());
            }
            if (message.size() == 1 && Arrays.equals(message.get(0), ascii("A-probe")[0])) {
                continue;
            }
            received.add(message);
            if (Arrays.equals(message.get(0), ascii("A-end")[0])) {
                return received;
            }
        }
    }

    /** {@code size} bytes that differ from frame to frame: byte k is (k * 7 + size) mod 256. */
    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int k = 0; k < size; k++) {
            bytes[k] = (byte) (k * 7 + size);
        }
        return bytes;
    }
}
