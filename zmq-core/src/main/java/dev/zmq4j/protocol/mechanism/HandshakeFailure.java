package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.SocketEvent;

/**
 * Why a handshake failed, and what libzmq reports for it: the monitor event (HANDSHAKE_FAILED_AUTH with the ZAP
 * status code, HANDSHAKE_FAILED_PROTOCOL with a ZMQ_PROTOCOL_ERROR_* value) or none, when libzmq reports the failure
 * only as the DISCONNECTED that follows.
 *
 * @param event null when no handshake event is raised
 *
 * <p>Immutable and thread-safe.
 */
public record HandshakeFailure(String reason, SocketEvent.Type event, int eventValue) {
    /**
     * The peer sent an ERROR command with this reason. When the reason is a ZAP status code (300, 400 or 500, as a
     * ZAP handler's refusal reaches the client), libzmq raises HANDSHAKE_FAILED_AUTH with that code; for any other
     * text it raises nothing: the peer said no, it did not break ZMTP.
     */
    public static HandshakeFailure refusedByPeer(String reason) {
        int zapStatus = zapStatus(reason);
        String description = "the peer refused the handshake: " + reason;
        return zapStatus == 0
                ? silent(description)
                : new HandshakeFailure(description, SocketEvent.Type.HANDSHAKE_FAILED_AUTH, zapStatus);
    }

    /** The ZAP status code (300, 400 or 500) an ERROR reason carries, as libzmq recognises it; 0 for other text. */
    static int zapStatus(String reason) {
        if (reason.length() == 3 && reason.charAt(0) >= '3' && reason.charAt(0) <= '5' && reason.endsWith("00")) {
            return (reason.charAt(0) - '0') * 100;
        }
        return 0;
    }

    /** A failure libzmq reports with no handshake event, only the DISCONNECTED that follows. */
    public static HandshakeFailure silent(String reason) {
        return new HandshakeFailure(reason, null, 0);
    }
}
