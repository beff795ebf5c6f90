package dev.zmq4j.socket.pubsub;

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
 */
public class XPub extends SocketBase {
    private final Distributor distributor = new Distributor();
    private final PipeTrie subscriptions = new PipeTrie();
    private final Consumer<Pipe> markMatching = distributor::match;
    private final Consumer<byte[]> queueUnsubscription = topic -> queue(0, topic);
    /** Subscription messages for the application, oldest first. */
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final Frame incoming = new Frame();
    private boolean moreOut;

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
        xReadActivated(pipe);
    }

    @Override
    protected void xReadActivated(Pipe pipe) {
        while (pipe.read(incoming)) {
            int size = incoming.size();
            byte first = size > 0 ? incoming.array()[incoming.offset()] : -1;
            if (!incoming.hasMore() && (first == 0 || first == 1)) {
                byte[] topicArray = incoming.array();
                int topicOffset = incoming.offset() + 1;
                int topicLength = size - 1;
                if (first == 1) {
                    boolean firstForTopic = subscriptions.add(topicArray, topicOffset, topicLength, pipe);
                    if (firstForTopic || options.xpubVerbose) {
                        queue(1, topicArray, topicOffset, topicLength);
                    }
                } else if (subscriptions.remove(topicArray, topicOffset, topicLength, pipe)) {
                    queue(0, topicArray, topicOffset, topicLength);
                }
            } else if (deliversSubscriptions()) {
                // A user message travelling upstream: hand it over as it is.
                pending.add(incoming.data());
            }
        }
    }

    private void queue(int kind, byte[] topic) {
        queue(kind, topic, 0, topic.length);
    }

    private void queue(int kind, byte[] topic, int offset, int length) {
        if (!deliversSubscriptions()) {
            return;
        }
        byte[] message = new byte[length + 1];
        message[0] = (byte) kind;
        System.arraycopy(topic, offset, message, 1, length);
        pending.add(message);
    }

    @Override
    protected boolean xSend(Frame frame) {
        if (!moreOut) {
            // The first frame is the topic: mark the pipes subscribed to one of its prefixes.
            subscriptions.match(frame.array(), frame.offset(), frame.size(), markMatching);
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
        byte[] message = pending.poll();
        if (message == null) {
            return false;
        }
        view.setOwned(message, 0);
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
        subscriptions.removePipe(pipe, queueUnsubscription);
        distributor.terminated(pipe);
    }
}
