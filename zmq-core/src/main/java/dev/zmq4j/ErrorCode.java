package dev.zmq4j;

/**
 * The error conditions a {@link ZmqException} reports, named after the errno values libzmq uses for the same
 * situations so that users of libzmq recognise them.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
    /** The operation would block (DONTWAIT) or a send/receive timeout expired. */
    EAGAIN,
    /** The operation is not valid in the socket's current state (e.g. REQ sending twice). */
    EFSM,
    /** The context was closed. */
    ETERM,
    /** A ROUTER with ROUTER_MANDATORY was asked to route to a peer it does not know. */
    EHOSTUNREACH,
    /** The address is already bound. */
    EADDRINUSE,
    /** The address is not local or cannot be resolved. */
    EADDRNOTAVAIL,
    /** An argument (endpoint, option, value) is invalid. */
    EINVAL,
    /** The transport of an endpoint is not supported. */
    EPROTONOSUPPORT,
    /** The transport of an endpoint does not suit the socket type (STREAM over inproc). */
    ENOCOMPATPROTO,
    /** A message is larger than allowed. */
    EMSGSIZE,
    /** The endpoint was not bound or connected by this socket. */
    ENOENT,
    /** The socket type does not support the operation. */
    ENOTSUP,
    /** Connection refused by the peer. */
    ECONNREFUSED,
    /** The blocking call was interrupted (the thread's interrupt flag is kept set). */
    EINTR,
    /** The socket was closed. */
    ENOTSOCK,
    /** An I/O error the operating system reported. */
    EIO
}
