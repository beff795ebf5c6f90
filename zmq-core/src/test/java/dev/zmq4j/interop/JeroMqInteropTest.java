package dev.zmq4j.interop;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** zmq4j against JeroMQ 0.6.0 running in the same JVM, each JeroMQ peer on its own thread and context. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JeroMqInteropTest extends InteropScenarios {
    @Override
    protected InteropPeer startBound(PeerRole role, PeerArgs args) {
        return JeroMqPeer.bound(role, args);
    }

    @Override
    protected InteropPeer startConnected(PeerRole role, String endpoint, PeerArgs args) {
        return JeroMqPeer.connected(role, endpoint, args);
    }
}
