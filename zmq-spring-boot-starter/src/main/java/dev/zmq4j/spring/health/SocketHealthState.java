package dev.zmq4j.spring.health;

/**
 * The health of one socket as {@link SocketHealthSnapshot#state} judges it. The actuator maps {@link #UP} and
 * {@link #CONNECTING} to {@code UP}, {@link #DOWN} to {@code DOWN} and {@link #CLOSED} to {@code OUT_OF_SERVICE}.
 */
public enum SocketHealthState {
    /** Every bound endpoint is listening and, if the socket connects, at least one peer completed its handshake. */
    UP,
    /** Binds are fine, but the connecting socket has no handshaken peer yet, for less than the grace period. */
    CONNECTING,
    /** A bound endpoint is not listening, or the connecting socket has had no peer for longer than the grace period. */
    DOWN,
    /** The socket has been closed. */
    CLOSED
}
