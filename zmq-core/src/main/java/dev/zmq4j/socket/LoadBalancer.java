package dev.zmq4j.socket;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;

/**
 * Round-robin sending over the pipes that can take a message (libzmq's lb_t), used by DEALER, PUSH and REQ.
 * A full pipe is parked until it reports room again. A multipart message goes entirely to one pipe; if that pipe
 * disappears in the middle, the rest of the message is dropped.
 *
 * <p>Not thread-safe: used only by its socket, on the socket's thread.
 */
public final class LoadBalancer {
    private final RoundRobin pipes = new RoundRobin(0);
    private boolean more;
    private boolean dropping;
    private Pipe lastPipe;

    public void attach(Pipe pipe) {
        pipes.attach(pipe);
    }

    public void activated(Pipe pipe) {
        pipes.activate(pipe);
    }

    public void terminated(Pipe pipe) {
        if (more && pipes.isCurrent(pipe)) {
            // The rest of the message in progress has nowhere to go.
            dropping = true;
        }
        pipes.remove(pipe);
        if (lastPipe == pipe) {
            lastPipe = null;
        }
    }

    /** Sends a frame to the pipe whose turn it is; false when no pipe can take it. */
    public boolean send(Frame frame) {
        if (dropping) {
            more = frame.hasMore();
            dropping = more;
            return true;
        }
        while (pipes.hasActive()) {
            Pipe pipe = pipes.current();
            if (pipe.write(frame)) {
                lastPipe = pipe;
                more = frame.hasMore();
                if (!more) {
                    pipe.flush();
                    pipes.advance();
                }
                return true;
            }
            if (more) {
                // A pipe refuses the middle of a message only when it is terminating (a peer that left while the
                // message was sent frame by frame): take back what it got and drop the rest, as libzmq's lb_t does.
                // Refusing instead would make the caller retry this frame as the start of a new message, and
                // another pipe would get the tail without its head.
                pipe.rollback();
                dropping = frame.hasMore();
                more = dropping;
                return true;
            }
            pipes.deactivateCurrent();
        }
        return false;
    }

    /** The pipe the last frame went to (REQ accepts replies only from there). */
    public Pipe lastPipe() {
        return lastPipe;
    }

    /** Whether some pipe can take a message now. */
    public boolean hasOut() {
        if (more) {
            return true;
        }
        while (pipes.hasActive()) {
            if (pipes.current().checkWrite()) {
                return true;
            }
            pipes.deactivateCurrent();
        }
        return false;
    }
}
