package dev.zmq4j.socket.pubsub;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;

/**
 * SUB (RFC 29): an {@link XSub} that subscribes through the SUBSCRIBE and UNSUBSCRIBE options, filters what it
 * receives by its subscriptions (so a publisher that ignores them cannot flood it), and never sends.
 *
 * <p>Not thread-safe, as every socket: one application thread at a time (see {@link SocketBase}).
 */
public final class Sub extends XSub {
    public Sub(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean filters() {
        return true;
    }

    @Override
    protected boolean xSend(Frame frame) {
        throw notSupported("send (subscribe with the SUBSCRIBE option)");
    }

    @Override
    protected boolean xHasOut() {
        return false;
    }

    @Override
    public void setSubscription(boolean subscribe, byte[] topic) {
        subscribe(subscribe, topic);
    }
}
