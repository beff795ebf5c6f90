package dev.zmq4j.socket.reqrep;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.FairQueue;
import dev.zmq4j.socket.RoutingId;
import dev.zmq4j.socket.RoutingIdGenerator;
import dev.zmq4j.socket.SocketBase;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * ROUTER (RFC 28): every received message is prefixed with the routing id of the peer it came from; every sent
 * message starts with the routing id of the peer it goes to. A peer's routing id is the Identity it announced, or
 * else one generated here (5 bytes: 0x00 and a counter, as libzmq). A second peer announcing a routing id in use is
 * refused, or with ROUTER_HANDOVER takes it over from the first. Messages for unknown peers are dropped, or
 * fail with EHOSTUNREACH under ROUTER_MANDATORY; a full peer drops them, or makes the send wait under
 * ROUTER_MANDATORY. CONNECT_ROUTING_ID names the peer of the next connect, which is then addressable at once.
 *
 * <p>Not thread-safe, as every socket: one application thread at a time (see {@link SocketBase}).
 */
public class Router extends SocketBase {
    private final FairQueue fairQueue = new FairQueue();
    private final Map<RoutingId, Pipe> outPipes = new HashMap<>();
    /** Pipes whose routing id has not arrived yet. */
    private final Set<Pipe> anonymousPipes = new HashSet<>();

    private final RoutingIdGenerator idGenerator = new RoutingIdGenerator();
    private final RoutingId lookup = new RoutingId(new byte[0]);
    private final Frame identityView = new Frame();
    private final Frame prefetchedBody = new Frame();
    private boolean hasPrefetchedBody;
    /** A routing id frame read ahead by {@link #xHasIn()}, handed out by the next receive. */
    private final Frame prefetchedId = new Frame();

    private boolean hasPrefetchedId;
    /** ROUTER_HANDOVER: a replaced connection whose message is being received; it ends when that message does. */
    private Pipe endAfterCurrentMessage;

    private boolean moreIn;
    private boolean moreOut;
    private Pipe currentOut;

    public Router(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        if (options.probeRouter) {
            // PROBE_ROUTER: greet the peer with an empty message so that a ROUTER learns our routing id at once.
            pipe.write(Frame.empty());
            pipe.flush();
        }
        if (identifyPeer(pipe)) {
            fairQueue.attach(pipe);
        } else if (pipe.routingId() == null) {
            anonymousPipes.add(pipe);
        }
    }

    @Override
    protected void checkConnectRoutingId(byte[] routingId) {
        if (outPipes.containsKey(lookup.set(routingId, 0, routingId.length))) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "invalid value 0x" + HexFormat.of().formatHex(routingId)
                            + " for option CONNECT_ROUTING_ID: a peer of this ROUTER already has that routing id");
        }
    }

    /**
     * Reads the peer's routing id from the pipe, unless it came with the pipe (inproc, CONNECT_ROUTING_ID); false
     * when it has not arrived yet or is refused.
     */
    private boolean identifyPeer(Pipe pipe) {
        byte[] announced = pipe.peerRoutingId();
        if (announced == null) {
            if (!pipe.read(identityView)) {
                return false;
            }
            announced = identityView.data();
        }
        RoutingId id;
        if (announced.length == 0) {
            id = generateRoutingId();
        } else {
            id = new RoutingId(announced);
            Pipe holder = outPipes.get(id);
            if (holder != null) {
                if (!options.routerHandover) {
                    // Another peer already uses this routing id: refuse the newcomer, as libzmq does.
                    pipe.setRoutingId(id);
                    pipe.terminate(false);
                    return false;
                }
                // ROUTER_HANDOVER: the newcomer takes the id over; the old connection ends under a stand-in id.
                RoutingId standIn = generateRoutingId();
                outPipes.remove(id);
                holder.setRoutingId(standIn);
                outPipes.put(standIn, holder);
                if (holder == fairQueue.lastPipe() && (moreIn || hasPrefetchedId)) {
                    // Part of the old connection's message is already out: a terminating pipe could not deliver
                    // the rest, and the next peer's frames would pass for it. End it once the message is read.
                    endAfterCurrentMessage = holder;
                } else {
                    holder.terminate(true);
                }
            }
        }
        pipe.setRoutingId(id);
        outPipes.put(id, pipe);
        return true;
    }

    private RoutingId generateRoutingId() {
        return idGenerator.next(outPipes);
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (!moreOut) {
            // The first frame names the peer.
            if (!frame.hasMore()) {
                return true;
            }
            Pipe pipe = outPipes.get(lookup.set(frame.array(), frame.offset(), frame.size()));
            if (pipe == null) {
                if (options.routerMandatory) {
                    throw new ZmqException(
                            ErrorCode.EHOSTUNREACH,
                            "no peer with routing id "
                                    + HexFormat.of()
                                            .formatHex(frame.array(), frame.offset(), frame.offset() + frame.size())
                                    + " is connected to this ROUTER");
                }
            } else if (!pipe.checkWrite()) {
                if (options.routerMandatory) {
                    return false;
                }
                pipe = null;
            }
            currentOut = pipe;
            moreOut = true;
            return true;
        }
        moreOut = frame.hasMore();
        if (currentOut != null) {
            if (!currentOut.write(frame)) {
                currentOut.rollback();
                currentOut = null;
            } else if (!moreOut) {
                currentOut.flush();
                currentOut = null;
            }
        }
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        if (hasPrefetchedId) {
            view.setFrom(prefetchedId);
            hasPrefetchedId = false;
            return true;
        }
        return receiveRouted(view);
    }

    /** The receive itself, apart from {@link #xRecv} so that read-ahead is not routed through a subclass (REP). */
    private boolean receiveRouted(Frame view) {
        if (hasPrefetchedBody) {
            view.setFrom(prefetchedBody);
            hasPrefetchedBody = false;
            moreIn = view.hasMore();
            endHandedOverAfterMessage();
            return true;
        }
        boolean received = fairQueue.recv(view);
        // A routing id arriving later comes from a reconnection of a known peer: it changes nothing.
        while (received && view.isRoutingId()) {
            received = fairQueue.recv(view);
        }
        if (!received) {
            return false;
        }
        if (moreIn) {
            moreIn = view.hasMore();
            endHandedOverAfterMessage();
            return true;
        }
        // The first frame of a message: hand out the routing id now and the body on the next call.
        byte[] id = ((RoutingId) fairQueue.lastPipe().routingId()).bytes();
        prefetchedBody.setFrom(view);
        hasPrefetchedBody = true;
        moreIn = true;
        view.setView(id, 0, id.length, Frame.MORE);
        return true;
    }

    private void endHandedOverAfterMessage() {
        if (!moreIn && endAfterCurrentMessage != null) {
            Pipe replaced = endAfterCurrentMessage;
            endAfterCurrentMessage = null;
            replaced.terminate(true);
        }
    }

    /**
     * A queued frame may be a late routing id rather than a message, so the only sure answer is to read the next
     * message's first frame ahead, as libzmq does.
     */
    @Override
    protected boolean xHasIn() {
        if (moreIn || hasPrefetchedId) {
            return true;
        }
        hasPrefetchedId = receiveRouted(prefetchedId);
        return hasPrefetchedId;
    }

    /** Without ROUTER_MANDATORY a send never blocks (unroutable messages are dropped). */
    @Override
    protected boolean xHasOut() {
        if (!options.routerMandatory) {
            return true;
        }
        for (Pipe pipe : outPipes.values()) {
            if (pipe.checkWrite()) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        if (anonymousPipes.contains(pipe)) {
            if (identifyPeer(pipe)) {
                anonymousPipes.remove(pipe);
                fairQueue.attach(pipe);
            }
        } else {
            fairQueue.activated(pipe);
        }
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        // Senders check the pipe's room on every message; waking the send loop is all that is needed.
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        anonymousPipes.remove(pipe);
        Object id = pipe.routingId();
        if (id != null) {
            outPipes.remove(id, pipe);
        }
        fairQueue.terminated(pipe);
        if (endAfterCurrentMessage == pipe) {
            endAfterCurrentMessage = null;
        }
        if (currentOut == pipe) {
            currentOut = null;
        }
    }
}
