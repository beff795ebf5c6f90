package dev.zmq4j.socket;

import java.util.Arrays;

/**
 * A peer's routing id as a map key, for ROUTER and STREAM. Keys in a map own their bytes; a single mutable probe
 * ({@link #set}) describes the routing id frame of an outgoing message so that looking a peer up allocates nothing.
 * Not thread-safe: used by one socket.
 */
public final class RoutingId {
    private byte[] bytes;
    private int offset;
    private int length;

    public RoutingId(byte[] bytes) {
        set(bytes, 0, bytes.length);
    }

    /** Makes this (probe) key describe {@code length} bytes of {@code bytes} from {@code offset}. */
    public RoutingId set(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** The whole backing array; for keys made with {@link #RoutingId(byte[])}, exactly the routing id. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RoutingId)) {
            return false;
        }
        RoutingId that = (RoutingId) other;
        return Arrays.equals(bytes, offset, offset + length, that.bytes, that.offset, that.offset + that.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }
}
