package dev.zmq4j;

/**
 * The ZeroMQ socket types, with the name each one announces in the ZMTP {@code Socket-Type} property and the
 * numeric value libzmq gives it.
 *
 * <p>Immutable and thread-safe.
 */
public enum SocketType {
    PAIR(0),
    PUB(1),
    SUB(2),
    REQ(3),
    REP(4),
    DEALER(5),
    ROUTER(6),
    PULL(7),
    PUSH(8),
    XPUB(9),
    XSUB(10),
    STREAM(11);

    private final int libzmqValue;

    SocketType(int libzmqValue) {
        this.libzmqValue = libzmqValue;
    }

    /** The {@code ZMQ_*} constant libzmq uses for this type. */
    public int libzmqValue() {
        return libzmqValue;
    }

    /**
     * Whether a socket of this type may talk to a peer announcing {@code peer}, following RFC 37 and libzmq.
     */
    public boolean isCompatibleWith(SocketType peer) {
        switch (this) {
            case PAIR:
                return peer == PAIR;
            case REQ:
                return peer == REP || peer == ROUTER;
            case REP:
                return peer == REQ || peer == DEALER;
            case DEALER:
                return peer == REP || peer == DEALER || peer == ROUTER;
            case ROUTER:
                return peer == REQ || peer == DEALER || peer == ROUTER;
            case PUB:
            case XPUB:
                return peer == SUB || peer == XSUB;
            case SUB:
            case XSUB:
                return peer == PUB || peer == XPUB;
            case PUSH:
                return peer == PULL;
            case PULL:
                return peer == PUSH;
            default:
                return false;
        }
    }

    /** The type announced as {@code name} in a peer's metadata, or null if zmq4j does not know it. */
    public static SocketType fromWireName(String name) {
        for (SocketType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
