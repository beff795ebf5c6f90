package dev.zmq4j.socket.radiodish;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.FairQueue;
import dev.zmq4j.socket.SocketBase;
import dev.zmq4j.socket.pubsub.Distributor;
import java.util.HashMap;
import java.util.Map;

/**
 * DISH (libzmq's draft dish_t): receives, fair-queued, the messages of the groups it joined, each with its group
 * ({@code Message.group()}). {@link #join} and {@link #leave} send JOIN / LEAVE ({@link Groups}) to every RADIO peer,
 * and a peer that connects or reconnects later gets a JOIN for every group joined (as a SUB resends its
 * subscriptions). Joining a group twice, leaving one not joined, or a group over 255 bytes: ZmqException EINVAL.
 *
 * <p>A message arrives through the pipe as two frames, group (MORE) then body, whatever the transport (see
 * {@link Radio}); it is delivered only when its group is joined, since messages sent before a LEAVE reached the RADIO,
 * or by a udp RADIO, which knows nothing of joins, still arrive. Anything else is dropped whole.
 *
 * <p>Not thread-safe by itself: its methods run on the application thread that holds the socket (under the socket's
 * lock for the thread-safe draft types), see {@link SocketBase}.
 */
public final class Dish extends SocketBase {
    private final FairQueue fairQueue = new FairQueue();
    private final Distributor distributor = new Distributor();
    /** The joined groups, with their bytes for the JOIN a new peer gets. */
    private final Map<String, byte[]> joined = new HashMap<>();
    /** A joined group's message, read ahead by {@link #xHasIn()}. */
    private final Frame prefetched = new Frame();

    private boolean hasPrefetched;

    public Dish(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    public void join(String group) {
        byte[] bytes = Groups.encode(group, "DISH join");
        if (joined.containsKey(group)) {
            throw new ZmqException(ErrorCode.EINVAL, "this DISH has joined group '" + group + "' already");
        }
        joined.put(group, bytes);
        distributor.sendToAll(Groups.join(bytes));
    }

    @Override
    public void leave(String group) {
        byte[] bytes = Groups.encode(group, "DISH leave");
        if (joined.remove(group) == null) {
            throw new ZmqException(ErrorCode.EINVAL, "this DISH has not joined group '" + group + "'");
        }
        distributor.sendToAll(Groups.leave(bytes));
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        fairQueue.attach(pipe);
        distributor.attach(pipe);
        sendJoinsTo(pipe);
    }

    @Override
    protected void xHiccuped(Pipe pipe) {
        // A new connection behind the same pipe: the RADIO there knows none of our groups.
        sendJoinsTo(pipe);
    }

    private void sendJoinsTo(Pipe pipe) {
        for (byte[] group : joined.values()) {
            pipe.write(Groups.join(group));
        }
        pipe.flush();
    }

    @Override
    protected boolean xSend(Frame frame) {
        throw notSupported("send");
    }

    @Override
    protected boolean xHasOut() {
        return false;
    }

    @Override
    protected boolean xRecv(Frame view) {
        if (hasPrefetched) {
            view.setFrom(prefetched);
            hasPrefetched = false;
            return true;
        }
        return receiveJoined(view);
    }

    /** Reads messages until one of a joined group, which it leaves in {@code view} with its group; false if none. */
    private boolean receiveJoined(Frame view) {
        while (fairQueue.recv(view)) {
            if (!view.hasMore()) {
                // A single frame has no group: not a RADIO message.
                continue;
            }
            String group = view.size() <= Groups.MAX_LENGTH ? Groups.of(view) : null;
            if (!fairQueue.recv(view)) {
                // Pipes deliver whole messages: cannot happen, but a message cut short is nothing to deliver.
                return false;
            }
            boolean wellFormed = !view.hasMore();
            while (view.hasMore() && fairQueue.recv(view)) {
                // More than two frames: not a RADIO message; dropped whole.
            }
            if (wellFormed && group != null && joined.containsKey(group)) {
                view.setGroup(group);
                return true;
            }
        }
        return false;
    }

    /** Reads ahead to know whether a queued message is of a joined group, as libzmq's dish does. */
    @Override
    protected boolean xHasIn() {
        if (!hasPrefetched) {
            hasPrefetched = receiveJoined(prefetched);
        }
        return hasPrefetched;
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        fairQueue.activated(pipe);
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        distributor.activated(pipe);
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        fairQueue.terminated(pipe);
        distributor.terminated(pipe);
    }
}
