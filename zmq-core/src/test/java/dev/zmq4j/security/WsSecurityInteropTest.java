package dev.zmq4j.security;

/**
 * PLAIN and CURVE with libzmq over {@code ws://} (subprotocols {@code ZWS2.0/PLAIN} and libzmq's {@code ZWS2.0/CURVE}):
 * the mechanisms run on frames, unchanged, and heartbeats inside CURVE become WebSocket pings outside it.
 */
class WsSecurityInteropTest extends LibzmqSecurityScenarios {
    @Override
    protected String bindEndpoint() {
        return "ws://127.0.0.1:*/secure";
    }
}
