package dev.zmq4j.interop;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The interop scenarios of {@link LibzmqInteropTest} over {@code ws://}: REQ/REP, DEALER/ROUTER, PUSH/PULL and PAIR
 * with libzmq 4.3 (Debian's, whose ws transport works although pyzmq's {@code zmq.has("ws")} says no), each side
 * binding in turn.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WsLibzmqInteropTest extends InteropScenarios {
    @BeforeAll
    static void requireLibzmq() {
        LibzmqPeer.requirePyzmq();
    }

    @Override
    protected String bindEndpoint() {
        return "ws://127.0.0.1:*/zmq";
    }

    @Override
    protected InteropPeer startBound(PeerRole role, PeerArgs args) {
        return LibzmqPeer.boundAt(role.scriptName(), bindEndpoint(), args.commandLine());
    }

    @Override
    protected InteropPeer startConnected(PeerRole role, String endpoint, PeerArgs args) {
        return LibzmqPeer.connected(role.scriptName(), endpoint, args.commandLine());
    }
}
