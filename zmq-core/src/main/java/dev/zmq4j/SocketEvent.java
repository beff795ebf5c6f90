package dev.zmq4j;

/**
 * Something that happened to one of a socket's endpoints or connections, as libzmq's socket monitor reports it
 * ({@code zmq_socket_monitor}): the event, a number whose meaning depends on the event, and the endpoint it concerns.
 *
 * <p>The {@link #value} is, by event: a connection number for CONNECTED, ACCEPTED, LISTENING, CLOSED and
 * DISCONNECTED (libzmq gives the file descriptor; zmq4j numbers its channels instead, so the same connection has the
 * same number in all of its events); an errno value (Linux numbering, e.g. 98 for EADDRINUSE) for CONNECT_DELAYED,
 * BIND_FAILED, ACCEPT_FAILED and HANDSHAKE_FAILED_NO_DETAIL; the delay in milliseconds before the next attempt for
 * CONNECT_RETRIED; one of libzmq's {@code ZMQ_PROTOCOL_ERROR_*} codes for HANDSHAKE_FAILED_PROTOCOL (see the
 * constants below); the ZAP status code (300, 400, 500) for HANDSHAKE_FAILED_AUTH; 0 otherwise.
 *
 * <p>The endpoint is the connect string for events of a connecting side, the resolved bound endpoint (e.g.
 * {@code tcp://127.0.0.1:40123}) for a listener and the connections it accepted, and empty for MONITOR_STOPPED.
 *
 * <p>Immutable and thread-safe.
 */
public record SocketEvent(SocketEvent.Type type, int value, String endpoint) {
    /** Every event: the mask for {@link Socket#monitor} and {@link Socket#addEventListener} (libzmq ZMQ_EVENT_ALL). */
    public static final int ALL = 0xFFFF;

    /** ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED: a ZMTP error with no better code (zmq4j: the peer does not speak ZMTP 3). */
    public static final int PROTOCOL_ERROR_ZMTP_UNSPECIFIED = 0x1000_0000;
    /** ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND: the handshake received something other than the command it needs. */
    public static final int PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND = 0x1000_0001;

    public static final int PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE = 0x1000_0002;
    public static final int PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE = 0x1000_0003;
    public static final int PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED = 0x1000_0011;
    public static final int PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE = 0x1000_0012;
    public static final int PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO = 0x1000_0013;
    public static final int PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE = 0x1000_0014;
    /** ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR: an ERROR command whose reason does not fit its body. */
    public static final int PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR = 0x1000_0015;

    public static final int PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY = 0x1000_0016;
    public static final int PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME = 0x1000_0017;
    public static final int PROTOCOL_ERROR_ZMTP_INVALID_METADATA = 0x1000_0018;
    public static final int PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC = 0x1100_0001;
    /** ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH: the peer's greeting names another security mechanism. */
    public static final int PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH = 0x1100_0002;

    public static final int PROTOCOL_ERROR_ZAP_UNSPECIFIED = 0x2000_0000;
    public static final int PROTOCOL_ERROR_ZAP_MALFORMED_REPLY = 0x2000_0001;
    public static final int PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID = 0x2000_0002;
    public static final int PROTOCOL_ERROR_ZAP_BAD_VERSION = 0x2000_0003;
    public static final int PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE = 0x2000_0004;
    public static final int PROTOCOL_ERROR_ZAP_INVALID_METADATA = 0x2000_0005;

    /** The events, with libzmq's ZMQ_EVENT_* codes (one bit each, so that codes combine into masks). */
    public enum Type {
        /** A connect completed (value: connection number). */
        CONNECTED(0x0001),
        /** A non-blocking connect is in progress (value: EINPROGRESS, 115). */
        CONNECT_DELAYED(0x0002),
        /** A connect attempt will be made again (value: the delay before it, in ms). */
        CONNECT_RETRIED(0x0004),
        /** A bind succeeded (value: connection number of the listening channel). */
        LISTENING(0x0008),
        /** A bind failed (value: errno); the bind call throws as well. */
        BIND_FAILED(0x0010),
        /** A connection was accepted (value: connection number). */
        ACCEPTED(0x0020),
        /** Accepting a connection failed (value: errno). */
        ACCEPT_FAILED(0x0040),
        /** A listener (unbind, close) or a failed connect attempt was closed (value: its number). */
        CLOSED(0x0080),
        /** Closing failed (value: errno); defined for libzmq compatibility. */
        CLOSE_FAILED(0x0100),
        /** A connection ended because of the peer or an error, not because the application closed it. */
        DISCONNECTED(0x0200),
        /** The monitor was stopped ({@code monitor(null, 0)}, a new monitor, or the socket closed). */
        MONITOR_STOPPED(0x0400),
        /** The handshake failed without a protocol error: peer gone, HANDSHAKE_IVL expired (value: errno). */
        HANDSHAKE_FAILED_NO_DETAIL(0x0800),
        /** The ZMTP handshake completed (value 0). */
        HANDSHAKE_SUCCEEDED(0x1000),
        /** The peer broke the handshake protocol (value: a ZMQ_PROTOCOL_ERROR_* code). */
        HANDSHAKE_FAILED_PROTOCOL(0x2000),
        /** Authentication failed (value: ZAP status code 300, 400 or 500). */
        HANDSHAKE_FAILED_AUTH(0x4000);

        private static final Type[] VALUES = values();

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** libzmq's ZMQ_EVENT_* value. */
        public int code() {
            return code;
        }

        /** The event with libzmq's code {@code code}; EINVAL for a code that is not exactly one event. */
        public static Type fromCode(int code) {
            for (Type type : VALUES) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new ZmqException(ErrorCode.EINVAL, "0x" + Integer.toHexString(code) + " is not a socket event code");
        }
    }

    public SocketEvent {
        if (type == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the event type must not be null");
        }
        if (endpoint == null) {
            endpoint = "";
        }
    }
}
