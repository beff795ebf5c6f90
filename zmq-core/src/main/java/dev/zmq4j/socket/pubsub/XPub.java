package dev.zmq4j.socket.pubsub;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.SocketBase;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * XPUB (RFC 29): publishes each message to the subscribers whose subscriptions are a prefix of its first frame,
 * dropping it for a subscriber at its high-water mark (a publisher never blocks), and hands the application the
 * subscriptions as messages: 0x01 + topic to subscribe, 0x00 + topic to unsubscribe. A subscription is passed on
 * when it is the first for its topic (every one with XPUB_VERBOSE), an unsubscription when it was the last.
 * Other messages from subscribers are passed on as they are. PUB is the same without the receiving side.
 *
 * <p>Options, as libzmq: XPUB_NODROP makes a send wait while a matching subscriber is at its high-water mark
 * instead of dropping; XPUB_MANUAL passes every (un)subscription up without applying it, and the application
 * applies them with SUBSCRIBE / UNSUBSCRIBE for the subscriber of the last one it received; XPUB_WELCOME_MSG is
 * sent to every new subscriber; INVERT_MATCHING sends each message to the subscribers it does not match.
 *
 * <p>Not thread-safe, as every socket: one application thread at a time (see {@link SocketBase}).
 */
public class XPub extends SocketBase {
    /**
     * A frame for the application: a subscription or unsubscription with the subscriber it came from, or a frame
     * of a user message travelling upstream ({@code more} when the message goes on).
     */
    private record Pending(byte[] message, Pipe subscriber, boolean isSubscription, boolean more) {}

    private final Distributor distributor = new Distributor();
    private final PipeTrie subscriptions = new PipeTrie();
    /** XPUB_MANUAL: what each subscriber asked for, to tell the application what it leaves behind when it goes. */
    private final PipeTrie requestedSubscriptions = new PipeTrie();

    private final Consumer<Pipe> markMatching = distributor::match;
    private final Consumer<byte[]> queueUnsubscription = topic -> queue(0, topic, 0, topic.length, null);
    private final Consumer<byte[]> ignore = topic -> {};
    /** Messages for the application, oldest first. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    private final Frame incoming = new Frame();
    private boolean moreOut;
    /** XPUB_MANUAL: the subscriber SUBSCRIBE / UNSUBSCRIBE act for; null when it is gone or unknown. */
    private Pipe lastSubscriber;

    public XPub(ContextCore context, Options options) {
        super(context, options);
    }

    /** Whether the application receives subscriptions (XPUB) or not (PUB). */
    protected boolean deliversSubscriptions() {
        return true;
    }

    @Override
    protected void xAttachPipe(Pipe pipe) {
        // Subscribers' pipes are read here, not by the application, so a closing subscriber need not wait.
        pipe.setNoDelay();
        distributor.attach(pipe);
        byte[] welcome = options.xpubWelcomeMessage;
        if (welcome != null) {
            // A copy each time: a large frame's array is handed over to the pipe.
            pipe.write(new Frame(welcome.clone(), 0));
            pipe.flush();
        }
        xReadActivated(pipe);
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        boolean firstFrame = true;
        while (pipe.read(incoming)) {
            int size = incoming.size();
            byte first = size > 0 ? incoming.array()[incoming.offset()] : -1;
            boolean wholeMessage = firstFrame && !incoming.hasMore();
            firstFrame = !incoming.hasMore();
            if (wholeMessage && (first == 0 || first == 1)) {
                onSubscription(first == 1, incoming.array(), incoming.offset() + 1, size - 1, pipe);
            } else if (deliversSubscriptions()) {
                // A user message travelling upstream: hand it over as it is.
                pending.add(new Pending(incoming.data(), null, false, incoming.hasMore()));
            }
        }
    }

    private void onSubscription(boolean subscribe, byte[] topic, int offset, int length, Pipe pipe) {
        if (options.xpubManual) {
            // Applied only when the application says so; remembered to unsubscribe for it when the pipe goes.
            if (subscribe) {
                requestedSubscriptions.add(topic, offset, length, pipe);
            } else {
                requestedSubscriptions.remove(topic, offset, length, pipe);
            }
            queue(subscribe ? 1 : 0, topic, offset, length, pipe);
        } else if (subscribe) {
            boolean firstForTopic = subscriptions.add(topic, offset, length, pipe);
            if (firstForTopic || options.xpubVerbose) {
                queue(1, topic, offset, length, pipe);
            }
        } else if (subscriptions.remove(topic, offset, length, pipe)) {
            queue(0, topic, offset, length, pipe);
        }
    }

    private void queue(int kind, byte[] topic, int offset, int length, Pipe subscriber) {
        if (!deliversSubscriptions()) {
            return;
        }
        byte[] message = new byte[length + 1];
        message[0] = (byte) kind;
        System.arraycopy(topic, offset, message, 1, length);
        pending.add(new Pending(message, subscriber, true, false));
    }

    @Override
    public void setSubscription(boolean subscribe, byte[] topic) {
        if (!options.xpubManual) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "option " + (subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE") + " applies to an " + options.type
                            + " socket only with XPUB_MANUAL set");
        }
        Pipe subscriber = lastSubscriber;
        if (subscriber == null || !distributor.contains(subscriber)) {
            // No subscription received yet, or its subscriber left: nothing to act for, as libzmq.
            return;
        }
        if (subscribe) {
            subscriptions.add(topic, 0, topic.length, subscriber);
        } else {
            subscriptions.remove(topic, 0, topic.length, subscriber);
        }
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (!moreOut) {
            // The first frame is the topic: mark the pipes subscribed to one of its prefixes.
            distributor.unmatch();
            subscriptions.match(frame.array(), frame.offset(), frame.size(), markMatching);
            if (options.invertMatching) {
                distributor.reverseMatch();
            }
        }
        if (options.xpubNoDrop && !distributor.matchingHaveRoom()) {
            // Would drop for a full subscriber: the send waits (or fails under DONTWAIT) and matches again.
            return false;
        }
        distributor.sendToMatching(frame);
        moreOut = frame.hasMore();
        if (!moreOut) {
            distributor.unmatch();
        }
        return true;
    }

    @Override
    protected boolean xRecv(Frame view) {
        Pending next = pending.poll();
        if (next == null) {
            return false;
        }
        if (next.isSubscription()) {
            lastSubscriber = next.subscriber();
        }
        view.setOwned(next.message(), next.more() ? Frame.MORE : 0);
        return true;
    }

    @Override
    protected boolean xHasIn() {
        return !pending.isEmpty();
    }

    /** Publishing never blocks: a subscriber that cannot keep up loses messages instead. */
    @Override
    protected boolean xHasOut() {
        return true;
    }

    @Override
    protected void xWriteActivated(Pipe pipe) {
        distributor.activated(pipe);
    }

    @Override
    protected void xPipeTerminated(Pipe pipe) {
        if (options.xpubManual) {
            // The application learns what the subscriber leaves behind; the applied ones simply go.
            requestedSubscriptions.removePipe(pipe, queueUnsubscription, true);
            subscriptions.removePipe(pipe, ignore);
        } else {
            subscriptions.removePipe(pipe, queueUnsubscription);
            requestedSubscriptions.removePipe(pipe, ignore);
        }
        if (lastSubscriber == pipe) {
            lastSubscriber = null;
        }
        distributor.terminated(pipe);
    }
}
