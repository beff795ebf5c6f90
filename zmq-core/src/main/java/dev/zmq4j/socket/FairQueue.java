package dev.zmq4j.socket;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;

/**
 * Fair-queued receiving (libzmq's fq_t): takes whole messages in turn from the pipes that have input, so no peer
 * can starve the others. Used by DEALER, PULL, ROUTER and the sockets built on them.
 *
 * <p>Not thread-safe: used only by its socket, on the socket's thread.
 */
public final class FairQueue {
    private final RoundRobin pipes = new RoundRobin(1);
    private boolean more;
    private Pipe lastPipe;

    public void attach(Pipe pipe) {
        pipes.attach(pipe);
    }

    public void activated(Pipe pipe) {
        pipes.activate(pipe);
    }

    public void terminated(Pipe pipe) {
        if (pipes.remove(pipe) && lastPipe == pipe) {
            lastPipe = null;
            more = false;
        }
    }

    /** Reads the next frame into {@code view}; false when no pipe has one. */
    public boolean recv(Frame view) {
        while (pipes.hasActive()) {
            Pipe pipe = pipes.current();
            if (pipe.read(view)) {
                lastPipe = pipe;
                more = view.hasMore();
                if (!more) {
                    pipes.advance();
                }
                return true;
            }
            // Pipes deliver whole messages, so a pipe never runs dry in the middle of one.
            more = false;
            pipes.deactivateCurrent();
        }
        return false;
    }

    /** The pipe the last frame came from. */
    public Pipe lastPipe() {
        return lastPipe;
    }

    public boolean hasIn() {
        if (more) {
            return true;
        }
        while (pipes.hasActive()) {
            if (pipes.current().checkRead()) {
                return true;
            }
            pipes.deactivateCurrent();
        }
        return false;
    }
}
