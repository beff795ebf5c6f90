package dev.zmq4j.msg;

/**
 * One message frame as it travels through pipes: a payload and flags. Frames are handed from thread to thread
 * through pipes, never shared: whoever holds a frame owns it.
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

    private static final byte[] EMPTY = new byte[0];

    private final byte[] data;
    private int flags;

    public Frame(byte[] data, int flags) {
        this.data = data;
        this.flags = flags;
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

    public byte[] data() {
        return data;
    }

    public int size() {
        return data.length;
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

    @Override
    public String toString() {
        return "Frame[" + data.length + " B, flags=" + flags + "]";
    }
}
