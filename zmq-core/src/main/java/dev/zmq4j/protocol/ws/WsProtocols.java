package dev.zmq4j.protocol.ws;

/**
 * The WebSocket subprotocol names of ZWS 2.0 (45/ZWS): {@code ZWS2.0/<mechanism>}, libzmq's {@code ZWS2.0/CURVE}
 * among them, and plain {@code ZWS2.0}, which names no mechanism.
 */
final class WsProtocols {
    static final String NO_MECHANISM = "ZWS2.0";

    private WsProtocols() {}

    static String forMechanism(String mechanism) {
        return NO_MECHANISM + "/" + mechanism;
    }

    /** What a client offers, as libzmq's offers it: NULL also offers plain ZWS2.0, after ZWS2.0/NULL. */
    static String offeredBy(String mechanism) {
        return mechanism.equals("NULL") ? forMechanism(mechanism) + "," + NO_MECHANISM : forMechanism(mechanism);
    }
}
