package dev.zmq4j.socket.stream;

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
import java.util.HexFormat;
import java.util.Map;

/**
 * STREAM: raw TCP (or ipc) connections to peers that do not speak ZeroMQ, as libzmq's ZMQ_STREAM. The connections
 * carry bytes, not ZMTP (see {@code RawEngine}). Every connection, accepted or made by
 * {@code connect}, gets a generated routing id (0x00 and a 32-bit counter, as ROUTER generates them).
 *
 * <pre>
 *   receive:  [routing id][bytes of one read]        the bytes as the network delivered them, no framing
 *             [routing id][]                         connection opened, and again when it closed (STREAM_NOTIFY)
 *   send:     [routing id (SNDMORE)][bytes]          written as they are
 *             [routing id (SNDMORE)][]               closes that connection, after the bytes sent before it
 * </pre>
 *
 * <p>As in libzmq: a routing id that names no connection fails with EHOSTUNREACH (ROUTER_MANDATORY is not needed,
 * nor accepted); a full connection makes the send wait (EAGAIN); the MORE flag of the data frame is ignored. A
 * first frame without MORE is dropped (libzmq also accepts it silently, but then drops the frame after it too).
 * STREAM sockets use tcp and ipc only.
 *
 * <p>Not thread-safe, like every socket.
 */
public final class Stream extends SocketBase {
    private static final System.Logger LOG = System.getLogger(Stream.class.getName());
    private final FairQueue fairQueue = new FairQueue();
    private final Map<RoutingId, Pipe> outPipes = new HashMap<>();
    private final RoutingIdGenerator idGenerator = new RoutingIdGenerator();
    private final RoutingId lookup = new RoutingId(new byte[0]);
    private final Frame prefetchedData = new Frame();
    private boolean hasPrefetchedData;
    private boolean moreOut;
    private Pipe currentOut;

    public Stream(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        // CONNECT_ROUTING_ID names the connection of a connect; others get a generated id. Under IMMEDIATE the
        // connection arrives after connect() checked the id, so two connects may have asked for the same one: the
        // later gets a generated id (its connect notification tells which) rather than taking the other's.
        byte[] chosen = pipe.peerRoutingId();
        RoutingId id = chosen != null ? new RoutingId(chosen) : null;
        if (id == null || outPipes.containsKey(id)) {
            if (id != null) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        () -> "CONNECT_ROUTING_ID 0x" + HexFormat.of().formatHex(chosen)
                                + " is taken by another connection of this STREAM socket; using a generated id");
            }
            id = idGenerator.next(outPipes);
        }
        pipe.setRoutingId(id);
        outPipes.put(id, pipe);
        fairQueue.attach(pipe);
    }

    @Override
    protected void checkConnectRoutingId(byte[] routingId) {
        if (outPipes.containsKey(new RoutingId(routingId))) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "invalid value 0x" + HexFormat.of().formatHex(routingId)
                            + " for option CONNECT_ROUTING_ID: a connection of this STREAM socket already has that routing id");
        }
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (!moreOut) {
            // The first frame names the connection.
            if (!frame.hasMore()) {
                return true;
            }
            Pipe pipe = outPipes.get(lookup.set(frame.array(), frame.offset(), frame.size()));
            if (pipe == null || pipe.isTerminating()) {
                // A connection that is ending counts as gone: waiting for room in its pipe would wait forever.
                throw new ZmqException(
                        ErrorCode.EHOSTUNREACH,
                        "no connection with routing id "
                                + HexFormat.of().formatHex(frame.array(), frame.offset(), frame.offset() + frame.size())
                                + " on this STREAM socket" + (pipe == null ? "" : " (it is closing)"));
            }
            if (!pipe.checkWrite()) {
                return false;
            }
            currentOut = pipe;
            moreOut = true;
            return true;
        }
        moreOut = false;
        Pipe pipe = currentOut;
        currentOut = null;
        if (pipe == null) {
            // The connection ended between the two frames.
            return true;
        }
        if (frame.size() == 0) {
            // The empty frame travels to the engine, which closes the connection once the data before it is
            // written. Forget the routing id at once, so that later sends to it fail instead of waiting.
            pipe.write(frame.setMore(false));
            pipe.flush();
            outPipes.remove(pipe.routingId(), pipe);
            pipe.terminate(false);
            return true;
        }
        if (pipe.write(frame.setMore(false))) {
            pipe.flush();
        }
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        if (hasPrefetchedData) {
            view.setFrom(prefetchedData);
            hasPrefetchedData = false;
            return true;
        }
        if (!fairQueue.recv(view)) {
            return false;
        }
        // Hand out the routing id now and the data on the next call.
        byte[] id = ((RoutingId) fairQueue.lastPipe().routingId()).bytes();
        prefetchedData.setFrom(view);
        hasPrefetchedData = true;
        view.setView(id, 0, id.length, Frame.MORE);
        return true;
    }

    /** Whether a receive would return at once. */
    @Override
    protected boolean xHasIn() {
        return hasPrefetchedData || fairQueue.hasIn();
    }

    /** Always: a send to a known connection waits only for that connection, as in libzmq. */
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
        // Senders check the pipe's room on every message; waking the send loop is all that is needed.
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        outPipes.remove(pipe.routingId(), pipe);
        fairQueue.terminated(pipe);
        if (currentOut == pipe) {
            currentOut = null;
        }
    }
}
