package dev.zmq4j.socket;

import dev.zmq4j.msg.Frame;

/**
 * Receiving single-part messages only, as libzmq's draft types receive: a multipart message from a peer (which a
 * draft socket cannot send, but a hostile peer or a classic socket can) is dropped whole.
 *
 * <p>Not thread-safe: used by its socket under the socket's lock.
 */
public final class SinglePartReceiver {
    /** Where frames come from: a fair queue, a single pipe. */
    @FunctionalInterface
    public interface FrameSource {
        boolean read(Frame view);
    }

    private final FrameSource source;

    public SinglePartReceiver(FrameSource source) {
        this.source = source;
    }

    /** The next single-part message into {@code view}; false when none is there. */
    public boolean recv(Frame view) {
        while (source.read(view)) {
            if (!view.hasMore()) {
                return true;
            }
            // Pipes deliver whole messages: the rest of this one is there, up to its last frame.
            while (source.read(view) && view.hasMore()) {
                // dropped
            }
        }
        return false;
    }
}
