package dev.zmq4j.spring.metrics;

import dev.zmq4j.SocketEvent;

/**
 * Why a handshake failed, as the {@code reason} tag of {@code zmq.handshake.failures}: one value per
 * HANDSHAKE_FAILED_* event, so a dashboard tells a misconfigured peer (protocol) from a refused one (auth) from a
 * peer that hung up or sent garbage (no_detail). Immutable.
 */
public enum HandshakeFailure {
    /** HANDSHAKE_FAILED_NO_DETAIL: the peer went away, timed out or sent something that is not ZMTP. */
    NO_DETAIL("no_detail"),
    /** HANDSHAKE_FAILED_PROTOCOL: a malformed or unexpected command, an incompatible socket type or mechanism. */
    PROTOCOL("protocol"),
    /** HANDSHAKE_FAILED_AUTH: the authenticator (ZAP) refused the peer. */
    AUTH("auth");

    private final String tag;

    HandshakeFailure(String tag) {
        this.tag = tag;
    }

    /** The value of the meter's {@code reason} tag. */
    public String tag() {
        return tag;
    }

    /** The reason an event reports, or null for an event that is no handshake failure. */
    public static HandshakeFailure of(SocketEvent.Type type) {
        return switch (type) {
            case HANDSHAKE_FAILED_NO_DETAIL -> NO_DETAIL;
            case HANDSHAKE_FAILED_PROTOCOL -> PROTOCOL;
            case HANDSHAKE_FAILED_AUTH -> AUTH;
            default -> null;
        };
    }
}
