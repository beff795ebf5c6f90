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
 * <p>The draft socket types add two settable fields: the routing id of a SERVER's peer ({@link #routingId()}) and a
 * RADIO/DISH group ({@link #group()}).
 *
 * <p>The frames are immutable; the arrays handed to {@link #of(byte[]...)} must not change afterwards. Safe to share
 * between threads once built, as long as nobody sets its routing id or group meanwhile.
 */
public final class Message implements Iterable<byte[]> {
    private final List<byte[]> frames;
    /** The properties of the connection a received message came on; null for a message built by the application. */
    private final Properties properties;
    /** Volatile: a message built on one thread is often sent from another (a thread-safe socket's pool). */
    private volatile int routingId;

    private volatile String group;

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

    /**
     * The routing id of the SERVER peer this message came from, or is to go to: an unsigned 32-bit id held in an
     * int (ids above 2^31 read as negative); 0 when none.
     */
    public int routingId() {
        return routingId;
    }

    /** Sets the SERVER peer this message is for; returns this message. */
    public Message routingId(int routingId) {
        this.routingId = routingId;
        return this;
    }

    /** The RADIO/DISH group of this message; null when none. */
    public String group() {
        return group;
    }

    /** Sets the group a RADIO sends this message to (at most 255 bytes as UTF-8); returns this message. */
    public Message group(String group) {
        if (group != null && group.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new ZmqException(ErrorCode.EINVAL, "a group is at most 255 bytes long, not " + group.length());
        }
        this.group = group;
        return this;
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
