package dev.zmq4j.protocol;

/**
 * The peer broke the ZMTP wire protocol: a malformed frame, command or property list, or a frame larger than allowed.
 * The only sane reaction is to drop the connection (libzmq reports it as {@code HANDSHAKE_FAILED_PROTOCOL} during the
 * handshake and closes the engine afterwards).
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
