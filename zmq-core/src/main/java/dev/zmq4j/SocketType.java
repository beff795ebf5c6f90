package dev.zmq4j;

/**
 * The ZeroMQ socket types, with the name each one announces in the ZMTP {@code Socket-Type} property and the
 * numeric value libzmq gives it. The classic types are single-threaded, as libzmq's; SERVER, CLIENT, RADIO,
 * DISH, GATHER, SCATTER, PEER and CHANNEL are draft types in libzmq's sense (their wire behaviour may still change upstream),
 * thread-safe and single-part ({@link #isThreadSafe()}).
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
    STREAM(11),
    /** Draft, thread-safe: single-part messages, each received one carrying its peer's routing id. */
    SERVER(12),
    /** Draft, thread-safe: single-part messages, round-robin out to SERVERs, fair-queued in. */
    CLIENT(13),
    /** Draft, thread-safe: publishes each single-part message to the DISH peers that joined its group. */
    RADIO(14),
    /** Draft, thread-safe: receives the messages of the groups it joined from RADIO peers. */
    DISH(15),
    /** Draft, thread-safe: a single-part PULL. */
    GATHER(16),
    /** Draft, thread-safe: a single-part PUSH. */
    SCATTER(17),
    /** Draft, thread-safe: a SERVER that also connects to other PEERs ({@code Socket.connectPeer}). */
    PEER(19),
    /** Draft, thread-safe: a single-part PAIR. */
    CHANNEL(20);

    private final int libzmqValue;

    SocketType(int libzmqValue) {
        this.libzmqValue = libzmqValue;
    }

    /** The {@code ZMQ_*} constant libzmq uses for this type. */
    public int libzmqValue() {
        return libzmqValue;
    }

    /**
     * Whether any number of threads may use a socket of this type at once (libzmq's thread-safe draft types); the
     * others are used by one thread at a time.
     */
    public boolean isThreadSafe() {
        switch (this) {
            case SERVER:
            case CLIENT:
            case RADIO:
            case DISH:
            case GATHER:
            case SCATTER:
            case PEER:
            case CHANNEL:
                return true;
            default:
                return false;
        }
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
            case SERVER:
                return peer == CLIENT;
            case CLIENT:
                return peer == SERVER;
            case SCATTER:
                return peer == GATHER;
            case GATHER:
                return peer == SCATTER;
            case PEER:
                return peer == PEER;
            case CHANNEL:
                return peer == CHANNEL;
            case RADIO:
                return peer == DISH;
            case DISH:
                return peer == RADIO;
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
