package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.core.Options;
import dev.zmq4j.protocol.mechanism.curve.CurveClient;
import dev.zmq4j.protocol.mechanism.curve.CurveServer;

/**
 * Chooses a connection's mechanism from its socket's options: the one place that knows which options select which
 * mechanism (the PLAIN_* and CURVE_* options set {@link Options#security} and {@link Options#asServer}, as in
 * libzmq), so that nothing in the engine names a mechanism.
 *
 * <p>Stateless and thread-safe; called on the engine's I/O thread when a connection starts.
 */
public final class Mechanisms {
    private Mechanisms() {}

    /**
     * A new mechanism for one connection of a socket with these options.
     *
     * @param peerAddress the peer's bare IP address ("" when the transport has none), for ZAP and Peer-Address
     * @param zap the line to the socket's ZAP handler
     */
    public static Mechanism forConnection(Options options, String peerAddress, ZapChannel zap) {
        switch (options.security) {
            case PLAIN:
                return options.asServer ? new PlainServer(options, peerAddress, zap) : new PlainClient(options);
            case CURVE:
                return options.asServer ? new CurveServer(options, peerAddress, zap) : new CurveClient(options);
            default:
                return new NullMechanism(options, peerAddress, zap);
        }
    }
}
