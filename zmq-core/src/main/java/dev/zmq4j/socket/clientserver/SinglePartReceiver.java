package dev.zmq4j.socket.clientserver;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.socket.FairQueue;

/**
 * Fair-queued receiving of single-part messages only, as libzmq's draft types receive: a multipart message from a
 * peer (which a CLIENT or SERVER cannot send, but a hostile peer can) is dropped whole.
 *
 * <p>Not thread-safe: used by its socket under the socket's lock.
 */
final class SinglePartReceiver {
    private final FairQueue fairQueue;

    SinglePartReceiver(FairQueue fairQueue) {
        this.fairQueue = fairQueue;
    }

    /** The next single-part message into {@code view}; false when none is there. */
    boolean recv(Frame view) {
        while (fairQueue.recv(view)) {
            if (!view.hasMore()) {
                return true;
            }
            // Pipes deliver whole messages: the rest of this one is there, up to its last frame.
            while (fairQueue.recv(view) && view.hasMore()) {
                // dropped
            }
        }
        return false;
    }
}
