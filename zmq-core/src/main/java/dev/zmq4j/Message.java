package dev.zmq4j;

import dev.zmq4j.msg.Properties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A multipart message: an ordered, immutable list of frames, sent and received atomically.
 *
 * <p>Immutable and thread-safe once built; the arrays handed to {@link #of(byte[]...)} must not change afterwards.
 */
public final class Message implements Iterable<byte[]> {
    private final List<byte[]> frames;
    /** The properties of the connection a received message came on; null for a message built by the application. */
    private final Properties properties;

    private Message(List<byte[]> frames, Properties properties) {
        this.frames = Collections.unmodifiableList(frames);
        this.properties = properties;
    }

    public static Message of(byte[]... frames) {
        List<byte[]> list = new ArrayList<>(frames.length);
        for (byte[] frame : frames) {
            if (frame == null) {
                throw new ZmqException(ErrorCode.EINVAL, "a message frame must not be null");
            }
            list.add(frame);
        }
        return new Message(list, null);
    }

    public static Message of(String... frames) {
        List<byte[]> list = new ArrayList<>(frames.length);
        for (String frame : frames) {
            if (frame == null) {
                throw new ZmqException(ErrorCode.EINVAL, "a message frame must not be null");
            }
            list.add(frame.getBytes(StandardCharsets.UTF_8));
        }
        return new Message(list, null);
    }

    /** Wraps frames received by a socket; the list is taken over, not copied. */
    static Message ofReceived(List<byte[]> frames, Properties properties) {
        return new Message(frames, properties);
    }

    /**
     * A property of the connection this message was received on, like libzmq's {@code zmq_msg_gets}: "Peer-Address"
     * (the peer's bare IP address over tcp), "User-Id" and the metadata a ZAP handler returned when it let the peer
     * in, and what the peer announced in its handshake ("Socket-Type", "Identity", "X-..." properties). Names are
     * case-insensitive; values are read as UTF-8.
     *
     * @return the value, or null when the message was not received from a peer (built with {@code of}, or received
     *     over inproc or from a CONFLATE pipe) or the connection has no such property
     */
    public String property(String name) {
        return properties == null || name == null ? null : properties.get(name);
    }

    public int size() {
        return frames.size();
    }

    public byte[] get(int index) {
        return frames.get(index);
    }

    /** Frame {@code index} decoded as UTF-8. */
    public String getString(int index) {
        return new String(frames.get(index), StandardCharsets.UTF_8);
    }

    @Override
    public Iterator<byte[]> iterator() {
        return frames.iterator();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Message)) {
            return false;
        }
        List<byte[]> those = ((Message) other).frames;
        if (those.size() != frames.size()) {
            return false;
        }
        for (int i = 0; i < frames.size(); i++) {
            if (!Arrays.equals(frames.get(i), those.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (byte[] frame : frames) {
            hash = 31 * hash + Arrays.hashCode(frame);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Message[");
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(frames.get(i).length).append(" B");
        }
        return text.append(']').toString();
    }
}
