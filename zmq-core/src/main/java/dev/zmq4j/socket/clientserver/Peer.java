package dev.zmq4j.socket.clientserver;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.socket.SocketBase;

/**
 * PEER (libzmq draft): a SERVER that also connects, to other PEERs, and learns the routing id of the peer it
 * connects to at once ({@link #connectPeer}), so it can send to it before that peer has said anything.
 *
 * <p>Thread-safe: any number of threads call it at once, taking turns under the socket's lock (see
 * {@link SocketBase}); the methods here run under that lock.
 */
public final class Peer extends Server {
    public Peer(ContextCore context, Options options) {
        super(context, options);
    }

    /**
     * Connects and returns the routing id of that connection's peer, as libzmq's zmq_connect_peer. The connection's
     * pipe exists from the connect on, which IMMEDIATE would prevent: refused with it.
     */
    public int connectPeer(String endpoint) {
        if (options.immediate) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "connectPeer needs the connection's pipe at once, which IMMEDIATE prevents; unset IMMEDIATE");
        }
        int before = lastGivenId();
        connect(endpoint);
        int id = lastGivenId();
        if (id == before) {
            throw new IllegalStateException("the connect to " + endpoint + " attached no pipe");
        }
        return id;
    }
}
