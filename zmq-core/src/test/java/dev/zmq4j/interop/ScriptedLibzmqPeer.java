package dev.zmq4j.interop;

/**
 * A libzmq socket driven one command at a time ({@link ScriptedPeer}): {@code zmq_peer.py} in one of its
 * {@code *-script} roles ({@code pub-script}, {@code sub-script}, {@code xpub-script}, {@code xsub-script},
 * {@code dealer-script}). Not thread-safe: one test thread drives it.
 */
public final class ScriptedLibzmqPeer extends ScriptedPeer {
    private ScriptedLibzmqPeer(LibzmqPeer peer) {
        super(peer.process());
    }

    /** Starts {@code zmq_peer.py ROLE bind tcp://127.0.0.1:* options...}; {@link #endpoint()} is where it bound. */
    public static ScriptedLibzmqPeer bound(String role, String... options) {
        return new ScriptedLibzmqPeer(LibzmqPeer.bound(role, options));
    }

    /** Starts {@code zmq_peer.py ROLE bind ENDPOINT options...}; {@link #endpoint()} is where it bound. */
    public static ScriptedLibzmqPeer boundAt(String role, String bindEndpoint, String... options) {
        return new ScriptedLibzmqPeer(LibzmqPeer.boundAt(role, bindEndpoint, options));
    }

    /** Starts {@code zmq_peer.py ROLE connect ENDPOINT options...} and waits until it has connected. */
    public static ScriptedLibzmqPeer connected(String role, String endpoint, String... options) {
        return new ScriptedLibzmqPeer(LibzmqPeer.connected(role, endpoint, options));
    }
}
