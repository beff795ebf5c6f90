package dev.zmq4j.socket.pubsub;

import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;

/**
 * PUB (RFC 29): an {@link XPub} whose application only publishes; subscriptions stay inside.
 *
 * <p>Not thread-safe, as every socket: one application thread at a time (see {@link SocketBase}).
 */
public final class Pub extends XPub {
    public Pub(ContextCore context, Options options) {
        super(context, options);
    }

    @Override
    protected boolean deliversSubscriptions() {
        return false;
    }

    @Override
    protected boolean xRecv(Frame view) {
        throw notSupported("receive");
    }

    @Override
    protected boolean xHasIn() {
        return false;
    }
}
