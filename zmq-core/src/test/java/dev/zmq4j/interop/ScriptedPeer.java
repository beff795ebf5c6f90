package dev.zmq4j.interop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A peer socket driven one command at a time: {@code zmq_peer.py} in one of its {@code *-script} roles
 * ({@link ScriptedLibzmqPeer}) or {@code zmq_node_peer.mjs} in its {@code script} role ({@link NodePeer}). The
 * test sends, receives, subscribes and unsubscribes on the peer's socket step by step and does all the checking
 * itself, which the publish-subscribe tests need: "has the subscription arrived yet" can only be answered by trying.
 *
 * <p>Each command gets exactly one answer line, awaited with {@link PeerProcess#DEFAULT_WAIT} as the bound; a
 * missing answer fails the test with the peer's stdout and stderr. Not thread-safe: one test thread drives it.
 */
public class ScriptedPeer implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();

    private final PeerProcess peer;

    protected ScriptedPeer(PeerProcess peer) {
        this.peer = peer;
    }

    /** See {@link PeerProcess#suspend}. */
    public void suspend(boolean suspended) {
        peer.suspend(suspended);
    }

    public String endpoint() {
        return peer.endpoint();
    }

    /** Sends one message made of {@code frames} (an XSUB sends its 0x01/0x00 subscriptions this way). */
    public void send(byte[]... frames) {
        StringBuilder line = new StringBuilder("send");
        for (byte[] frame : frames) {
            line.append(' ').append(frame.length == 0 ? "-" : HEX.formatHex(frame));
        }
        expect(line.toString(), "SENT");
    }

    public void send(String... frames) {
        send(ascii(frames));
    }

    /** Waits up to {@code wait} for one message and returns its frames, or null if none came. */
    public List<byte[]> receive(Duration wait) {
        String answer = command("recv " + wait.toMillis());
        if (answer.equals("NOTHING")) {
            return null;
        }
        if (!answer.startsWith("RECEIVED ")) {
            throw new AssertionError("unexpected answer `" + answer + "` to recv" + peer.diagnostics());
        }
        List<byte[]> frames = new ArrayList<>();
        for (String word : answer.substring("RECEIVED ".length()).trim().split(" ")) {
            frames.add(word.equals("-") ? new byte[0] : HEX.parseHex(word));
        }
        return frames;
    }

    /** Subscribes the peer SUB (setsockopt(ZMQ_SUBSCRIBE) in libzmq). */
    public void subscribe(byte[] topic) {
        expect("subscribe " + (topic.length == 0 ? "-" : HEX.formatHex(topic)), "OK");
    }

    /** Unsubscribes the peer SUB (setsockopt(ZMQ_UNSUBSCRIBE) in libzmq). */
    public void unsubscribe(byte[] topic) {
        expect("unsubscribe " + (topic.length == 0 ? "-" : HEX.formatHex(topic)), "OK");
    }

    /** Ends the command loop and waits for the peer to finish cleanly. */
    public void quit() {
        peer.sendLine("quit");
        peer.awaitSuccess();
    }

    public String diagnostics() {
        return peer.diagnostics();
    }

    @Override
    public String toString() {
        return peer.toString();
    }

    @Override
    public void close() {
        peer.close();
    }

    private void expect(String line, String answer) {
        String actual = command(line);
        if (!actual.equals(answer)) {
            throw new AssertionError(
                    "`" + line + "` was answered `" + actual + "`, expected `" + answer + "`" + peer.diagnostics());
        }
    }

    /** Writes one command and returns the (only) answer line. */
    private String command(String line) {
        peer.sendLine(line);
        return peer.awaitLine("", PeerProcess.DEFAULT_WAIT);
    }

    static byte[][] ascii(String... texts) {
        byte[][] frames = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            frames[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return frames;
    }
}
