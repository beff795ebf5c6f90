package dev.zmq4j.socket.clientserver;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.FairQueue;
import dev.zmq4j.socket.SinglePart;
import dev.zmq4j.socket.SinglePartReceiver;
import dev.zmq4j.socket.SocketBase;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SERVER (libzmq draft): single-part messages; each one received carries the routing id the SERVER gave its peer (a
 * 32-bit value that never goes on the wire), and each one sent names the peer by that id. As libzmq: ids start at a
 * random value and skip 0; a send without an id, or with one no peer has (or a peer on its way out), fails with
 * EHOSTUNREACH; a send to a peer at its high-water mark waits for room (SNDTIMEO) rather than drop; a multipart message from a peer is dropped
 * whole.
 *
 * <p>PEER extends it with {@code connectPeer}.
 *
 * <p>Thread-safe: any number of threads call it at once, taking turns under the socket's lock (see
 * {@link SocketBase}); the methods here run under that lock.
 */
public class Server extends SocketBase {
    private final FairQueue fairQueue = new FairQueue();
    private final SinglePartReceiver receiver = new SinglePartReceiver(fairQueue::recv);
    private final Map<Integer, Pipe> peers = new HashMap<>();
    private int nextId = ThreadLocalRandom.current().nextInt();
    /** The routing id given to the peer of the pipe attached last (PEER's connectPeer returns it). */
    private int lastGivenId;

    public Server(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        Integer id = newRoutingId();
        lastGivenId = id;
        pipe.setRoutingId(id);
        peers.put(id, pipe);
        fairQueue.attach(pipe);
    }

    /** The routing id given to the peer of the pipe attached last; 0 before the first. */
    protected final int lastGivenId() {
        return lastGivenId;
    }

    /** The next id no peer has; 0 means "none" in the API, so it is never given. */
    private Integer newRoutingId() {
        while (nextId == 0 || peers.containsKey(nextId)) {
            nextId++;
        }
        return nextId++;
    }

    @Override
    protected boolean xSend(Frame frame) {
        SinglePart.checkSend(frame, options.type);
        int id = frame.routingId();
        Pipe pipe = peers.get(id);
        if (pipe == null) {
            throw new ZmqException(
                    ErrorCode.EHOSTUNREACH,
                    id == 0
                            ? "a SERVER send names its peer: send a Message with routingId(...) set to the id of a"
                                    + " message received from it"
                            : "no peer with routing id " + Integer.toUnsignedString(id)
                                    + " is connected to this SERVER");
        }
        if (!pipe.write(frame)) {
            if (pipe.hasRoom()) {
                // Not full, so terminating: the peer has gone, and waiting would never end.
                throw new ZmqException(
                        ErrorCode.EHOSTUNREACH,
                        "the peer with routing id " + Integer.toUnsignedString(id) + " has left this SERVER");
            }
            return false;
        }
        pipe.flush();
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        if (!receiver.recv(view)) {
            return false;
        }
        view.setRoutingId((Integer) fairQueue.lastPipe().routingId());
        return true;
    }

    @Override
    protected boolean xHasIn() {
        return fairQueue.hasIn();
    }

    /** As libzmq: whether a send would go through depends on its peer, so a SERVER always says it can send. */
    @Override
    protected boolean xHasOut() {
        return true;
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        fairQueue.activated(pipe);
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        // A send waiting for a full peer checks that peer's room again on every command; nothing to track here.
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        Object id = pipe.routingId();
        if (id != null) {
            peers.remove(id, pipe);
        }
        fairQueue.terminated(pipe);
    }
}
