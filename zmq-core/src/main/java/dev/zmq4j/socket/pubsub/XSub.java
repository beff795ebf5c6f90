package dev.zmq4j.socket.pubsub;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.FairQueue;
import dev.zmq4j.socket.SocketBase;

/**
 * XSUB (RFC 29): receives from every publisher, fair-queued, and sends subscriptions upstream as messages (0x01 +
 * topic, 0x00 + topic) to all of them. It remembers its subscriptions, counted, so that a publisher that connects
 * or reconnects later gets them all, and forwards an unsubscription only when the last subscription to the topic
 * goes. SUB builds on it and filters what it receives.
 *
 * <p>Not thread-safe, as every socket: one application thread at a time (see {@link SocketBase}).
 */
public class XSub extends SocketBase {
    private final FairQueue fairQueue = new FairQueue();
    private final Distributor distributor = new Distributor();
    private final SubscriptionTrie subscriptions = new SubscriptionTrie();
    private boolean moreOut;
    private boolean moreIn;
    private boolean dropping;
    /** The first frame of a matching message, read ahead by {@link #xHasIn()}. */
    private final Frame prefetched = new Frame();

    private boolean hasPrefetched;

    public XSub(ContextCore context, Options options) {
        super(context, options);
    }

    /** Whether received messages are filtered by the subscriptions (SUB) or passed as they come (XSUB). */
    protected boolean filters() {
        return false;
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        fairQueue.attach(pipe);
        distributor.attach(pipe);
        sendSubscriptionsTo(pipe);
    }

    @Override
    protected void xHiccuped(Pipe pipe) {
        // The peer behind this pipe is a new connection: it knows none of our subscriptions.
        sendSubscriptionsTo(pipe);
    }

    private void sendSubscriptionsTo(Pipe pipe) {
        subscriptions.forEach(topic -> {
            byte[] message = new byte[topic.length + 1];
            message[0] = 1;
            System.arraycopy(topic, 0, message, 1, topic.length);
            pipe.write(new Frame(message, 0));
        });
        pipe.flush();
    }

    @Override
    protected boolean xSend(Frame frame) {
        return sendUpstream(frame);
    }

    private boolean sendUpstream(Frame frame) {
        int size = frame.size();
        if (!moreOut && !frame.hasMore() && size > 0) {
            byte kind = frame.array()[frame.offset()];
            if (kind == 1) {
                subscriptions.add(frame.array(), frame.offset() + 1, size - 1);
                distributor.sendToAll(frame);
                return true;
            }
            if (kind == 0) {
                if (subscriptions.remove(frame.array(), frame.offset() + 1, size - 1)) {
                    distributor.sendToAll(frame);
                }
                return true;
            }
        }
        // Any other message travels upstream as it is.
        distributor.sendToAll(frame);
        moreOut = frame.hasMore();
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        if (hasPrefetched) {
            view.setFrom(prefetched);
            hasPrefetched = false;
            return true;
        }
        return receiveMatching(view);
    }

    private boolean receiveMatching(Frame view) {
        while (fairQueue.recv(view)) {
            if (moreIn) {
                moreIn = view.hasMore();
                if (dropping) {
                    dropping = moreIn;
                    continue;
                }
                return true;
            }
            moreIn = view.hasMore();
            // INVERT_MATCHING: a SUB takes exactly the messages its subscriptions do not match.
            if (!filters()
                    || subscriptions.matches(view.array(), view.offset(), view.size()) != options.invertMatching) {
                return true;
            }
            // Not subscribed: drop the whole message.
            dropping = moreIn;
        }
        return false;
    }

    /** A SUB must read ahead to know whether a queued message matches its subscriptions, as libzmq does. */
    @Override
    protected boolean xHasIn() {
        if (hasPrefetched || (moreIn && !dropping)) {
            return true;
        }
        hasPrefetched = receiveMatching(prefetched);
        return hasPrefetched;
    }

    /** Subscriptions and upstream messages can always be sent (they are dropped for a peer at its HWM). */
    @Override
    protected boolean xHasOut() {
        return true;
    }

    /** Applies a subscription made through the SUBSCRIBE/UNSUBSCRIBE options (SUB). */
    protected final void subscribe(boolean subscribe, byte[] topic) {
        byte[] message = new byte[topic.length + 1];
        message[0] = (byte) (subscribe ? 1 : 0);
        System.arraycopy(topic, 0, message, 1, topic.length);
        sendUpstream(new Frame(message, 0));
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
