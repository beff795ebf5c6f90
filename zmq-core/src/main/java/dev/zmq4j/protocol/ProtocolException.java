package dev.zmq4j.protocol;

/**
 * The peer broke the ZMTP wire protocol: a malformed frame, command or property list, or a frame larger than allowed.
 * The only sane reaction is to drop the connection (libzmq reports it as {@code HANDSHAKE_FAILED_PROTOCOL} during the
 * handshake and closes the engine afterwards).
 *
 * <p>{@link #monitorCode()} is the {@code ZMQ_PROTOCOL_ERROR_*} value a HANDSHAKE_FAILED_PROTOCOL event carries, or
 * 0 for the failures libzmq reports with no such event (a malformed frame or property list, an incompatible socket
 * type): those show only as DISCONNECTED.
 *
 * <p>Thrown and caught on the connection's I/O thread.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int monitorCode;

    public ProtocolException(String message) {
        this(message, 0);
    }

    public ProtocolException(String message, int monitorCode) {
        super(message);
        this.monitorCode = monitorCode;
    }

    /** The ZMQ_PROTOCOL_ERROR_* code for a HANDSHAKE_FAILED_PROTOCOL event; 0 when libzmq raises none. */
    public int monitorCode() {
        return monitorCode;
    }
}
