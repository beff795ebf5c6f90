package dev.zmq4j;

/**
 * The one exception of the zmq4j API: an {@link ErrorCode} and a message naming what was wrong.
 *
 * <p>Immutable and thread-safe.
 */
public class ZmqException extends RuntimeException {
    private final ErrorCode code;

    public ZmqException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ZmqException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String getMessage() {
        return code + ": " + super.getMessage();
    }
}
