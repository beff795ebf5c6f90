package dev.zmq4j.interop;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * zmq4j against libzmq 4.3 (Debian's python3-zmq running {@code src/test/python/zmq_peer.py}). Fails, with the
 * command to install it, when python3-zmq is missing: interop is the ground truth, so it is never skipped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LibzmqInteropTest extends InteropScenarios {
    @BeforeAll
    static void requireLibzmq() {
        LibzmqPeer.requirePyzmq();
    }

    @Override
    protected InteropPeer startBound(PeerRole role, PeerArgs args) {
        return LibzmqPeer.bound(role.scriptName(), args.commandLine());
    }

    @Override
    protected InteropPeer startConnected(PeerRole role, String endpoint, PeerArgs args) {
        return LibzmqPeer.connected(role.scriptName(), endpoint, args.commandLine());
    }
}
