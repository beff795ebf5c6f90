package dev.zmq4j.msg;

import java.util.Arrays;

/**
 * One message frame: a slice of a byte array and flags. A frame is either <em>owned</em> (it holds an array of its
 * own, e.g. one the application handed over or the decoder filled) or a <em>view</em> onto storage it does not own
 * (a pipe's inline storage, the application's reusable buffer, a decoder's input buffer). Views are how messages
 * cross the hot paths without allocation: a frame read from a pipe is valid until the next read from that pipe,
 * and whoever wants to keep it takes a {@link #copy()}.
 *
 * <p>Frames are handed from thread to thread through pipes by copying their content (small frames) or by passing
 * an owned array (large frames), never by sharing a {@code Frame} object.
 */
public final class Frame {
    /** More frames of the same message follow. */
    public static final int MORE = 1;
    /** A ZMTP command frame (READY, PING, ...), never delivered to the application. */
    public static final int COMMAND = 2;
    /** Carries a peer's routing id from the engine to a ROUTER when a pipe is attached. */
    public static final int ROUTING_ID = 4;
    /** Marks the end of a pipe's content during the pipe termination handshake. */
    public static final int DELIMITER = 8;
    /**
     * Marks the place in a pipe where a new connection's messages start: the reader takes that connection's
     * {@link Properties} from there on. Never returned by a pipe read.
     */
    public static final int PROPERTIES = 16;

    private static final byte[] EMPTY = new byte[0];

    private byte[] array;
    private int offset;
    private int size;
    private int flags;
    private boolean owned;
    /** The properties of the connection this frame arrived on, when a pipe read it; null otherwise. */
    private Properties properties;
    /**
     * Draft types, between the application and the socket only (never in a pipe or on the wire as such): the peer
     * a SERVER received from or sends to (0: none), and a RADIO or DISH message's group (null: none).
     */
    private int routingId;

    private String group;

    /** An empty frame, to be used as a reusable view. */
    public Frame() {
        this(EMPTY, 0);
    }

    /** An owned frame: the array is taken over, not copied. */
    public Frame(byte[] data, int flags) {
        setOwned(data, flags);
    }

    public Frame(byte[] data) {
        this(data, 0);
    }

    public static Frame empty() {
        return new Frame(EMPTY, 0);
    }

    public static Frame delimiter() {
        return new Frame(EMPTY, DELIMITER);
    }

    /** Makes this frame a view onto bytes it does not own. */
    public Frame setView(byte[] array, int offset, int size, int flags) {
        this.array = array;
        this.offset = offset;
        this.size = size;
        this.flags = flags;
        this.owned = false;
        this.properties = null;
        this.routingId = 0;
        this.group = null;
        return this;
    }

    /** Makes this frame own a whole array. */
    public Frame setOwned(byte[] data, int flags) {
        this.array = data;
        this.offset = 0;
        this.size = data.length;
        this.flags = flags;
        this.owned = true;
        this.properties = null;
        this.routingId = 0;
        this.group = null;
        return this;
    }

    /** Makes this frame the same as {@code other} (a view if other is one). */
    public Frame setFrom(Frame other) {
        this.array = other.array;
        this.offset = other.offset;
        this.size = other.size;
        this.flags = other.flags;
        this.owned = other.owned;
        this.properties = other.properties;
        this.routingId = other.routingId;
        this.group = other.group;
        return this;
    }

    /** The backing array; the content is {@code array()[offset() .. offset() + size())}. */
    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return size;
    }

    /** Whether the frame owns its whole backing array, which may then be handed over without copying. */
    public boolean isOwned() {
        return owned;
    }

    /**
     * The content as an array of exactly {@link #size()} bytes that the caller may keep: the backing array itself
     * when the frame owns it, otherwise a copy.
     */
    public byte[] data() {
        if (owned) {
            return array;
        }
        return Arrays.copyOfRange(array, offset, offset + size);
    }

    /** An owned frame with the same content and flags, to keep beyond the life of a view. */
    public Frame copy() {
        Frame copy = new Frame(owned ? array : Arrays.copyOfRange(array, offset, offset + size), flags)
                .setProperties(properties);
        copy.routingId = routingId;
        copy.group = group;
        return copy;
    }

    /** Copies up to {@code length} bytes of the content into {@code target}; returns how many. */
    public int copyTo(byte[] target, int targetOffset, int length) {
        int count = Math.min(length, size);
        System.arraycopy(array, offset, target, targetOffset, count);
        return count;
    }

    public boolean contentEquals(byte[] other) {
        return Arrays.equals(array, offset, offset + size, other, 0, other.length);
    }

    public int flags() {
        return flags;
    }

    public boolean hasMore() {
        return (flags & MORE) != 0;
    }

    public boolean isCommand() {
        return (flags & COMMAND) != 0;
    }

    public boolean isRoutingId() {
        return (flags & ROUTING_ID) != 0;
    }

    public boolean isDelimiter() {
        return (flags & DELIMITER) != 0;
    }

    public Frame setMore(boolean more) {
        flags = more ? flags | MORE : flags & ~MORE;
        return this;
    }

    /** The properties of the connection the frame arrived on; null when it did not come from a peer. */
    /** The SERVER peer's routing id (an unsigned 32-bit value in an int); 0 when none. */
    public int routingId() {
        return routingId;
    }

    public Frame setRoutingId(int routingId) {
        this.routingId = routingId;
        return this;
    }

    /** The RADIO/DISH group; null when none. */
    public String group() {
        return group;
    }

    public Frame setGroup(String group) {
        this.group = group;
        return this;
    }

    public Properties properties() {
        return properties;
    }

    public Frame setProperties(Properties properties) {
        this.properties = properties;
        return this;
    }

    public Frame setFlags(int flags) {
        this.flags = flags;
        return this;
    }

    @Override
    public String toString() {
        return "Frame[" + size + " B, flags=" + flags + (owned ? "" : ", view") + "]";
    }
}
