package dev.zmq4j.socket.stream;

import dev.zmq4j.interop.LibzmqPeer;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A libzmq STREAM socket in {@code stream_peer.py}, driven one command at a time; each command gets exactly one
 * answer line, awaited with {@link LibzmqPeer#DEFAULT_WAIT}. Not thread-safe: one test thread drives it.
 */
final class LibzmqStreamPeer implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();

    /** One message a libzmq STREAM received: the routing id it gave the connection, and the bytes. */
    record Received(byte[] routingId, byte[] data) {}

    private final LibzmqPeer peer;
    private String endpoint;

    private LibzmqStreamPeer(LibzmqPeer peer) {
        this.peer = peer;
    }

    /** A libzmq STREAM bound to {@code tcp://127.0.0.1:*}; {@link #endpoint()} says where. */
    static LibzmqStreamPeer bound() {
        LibzmqStreamPeer stream = new LibzmqStreamPeer(LibzmqPeer.start("stream_peer.py", "bind", "tcp://127.0.0.1:*"));
        try {
            stream.endpoint = stream.peer.awaitLine("ENDPOINT", LibzmqPeer.DEFAULT_WAIT);
        } catch (RuntimeException | AssertionError e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    /** A libzmq STREAM connecting to {@code endpoint}. */
    static LibzmqStreamPeer connected(String endpoint) {
        LibzmqStreamPeer stream = new LibzmqStreamPeer(LibzmqPeer.start("stream_peer.py", "connect", endpoint));
        try {
            stream.peer.awaitLine("READY", LibzmqPeer.DEFAULT_WAIT);
        } catch (RuntimeException | AssertionError e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    String endpoint() {
        return endpoint;
    }

    /** Sends [routing id][data]; empty data closes that connection. */
    void send(byte[] routingId, byte[] data) {
        String line = "send " + hex(routingId) + " " + hex(data);
        String answer = command(line);
        if (!answer.equals("SENT")) {
            throw new AssertionError("`" + line + "` was answered `" + answer + "`" + peer.diagnostics());
        }
    }

    /** Waits up to {@code wait} for one message; fails if none came. */
    Received receive(Duration wait) {
        Received received = poll(wait);
        if (received == null) {
            throw new AssertionError(
                    "the libzmq STREAM received nothing within " + wait.toMillis() + " ms" + peer.diagnostics());
        }
        return received;
    }

    /**
     * Waits up to {@code wait} for one message; null if none came. Either way the libzmq socket has processed its
     * pending commands, which is when libzmq acts on a close it was asked for.
     */
    Received poll(Duration wait) {
        String answer = command("recv " + wait.toMillis());
        if (answer.equals("NOTHING")) {
            return null;
        }
        String[] words = answer.split(" ");
        if (!words[0].equals("RECEIVED") || words.length != 3) {
            throw new AssertionError(
                    "expected a two-frame message from the libzmq STREAM, got `" + answer + "`" + peer.diagnostics());
        }
        return new Received(frame(words[1]), frame(words[2]));
    }

    /** Ends the command loop and waits for the peer to finish cleanly. */
    void quit() {
        peer.sendLine("quit");
        peer.awaitSuccess();
    }

    String diagnostics() {
        return peer.diagnostics();
    }

    @Override
    public void close() {
        peer.close();
    }

    private String command(String line) {
        peer.sendLine(line);
        return peer.awaitLine("", LibzmqPeer.DEFAULT_WAIT);
    }

    private static String hex(byte[] frame) {
        return frame.length == 0 ? "-" : HEX.formatHex(frame);
    }

    private static byte[] frame(String word) {
        return word.equals("-") ? new byte[0] : HEX.parseHex(word);
    }
}
