package dev.zmq4j.socket;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeArray;

/**
 * Round-robin sending over the pipes that can take a message (libzmq's lb_t), used by DEALER, PUSH and REQ.
 * Active pipes sit at the front of the array; a full pipe is swapped behind them until it reports room again.
 * A multipart message goes entirely to one pipe; if that pipe disappears in the middle, the rest is dropped.
 */
public final class LoadBalancer {
    private final PipeArray pipes = new PipeArray(0);
    private int active;
    private int current;
    private boolean more;
    private boolean dropping;
    private Pipe lastPipe;

    public void attach(Pipe pipe) {
        pipes.add(pipe);
        activated(pipe);
    }

    public void activated(Pipe pipe) {
        pipes.swap(pipes.indexOf(pipe), active);
        active++;
    }

    public void terminated(Pipe pipe) {
        int index = pipes.indexOf(pipe);
        if (index < 0) {
            return;
        }
        if (more && index == current) {
            // The rest of the message in progress has nowhere to go.
            dropping = true;
        }
        if (index < active) {
            active--;
            pipes.swap(index, active);
            if (current == active) {
                current = 0;
            }
        }
        pipes.remove(pipe);
        if (lastPipe == pipe) {
            lastPipe = null;
        }
    }

    /** Sends a frame to the current pipe; false when no pipe can take it. */
    public boolean send(Frame frame) {
        if (dropping) {
            more = frame.hasMore();
            dropping = more;
            return true;
        }
        while (active > 0) {
            Pipe pipe = pipes.get(current);
            if (pipe.write(frame)) {
                lastPipe = pipe;
                break;
            }
            if (more) {
                // A pipe never refuses the middle of a message it accepted the start of, unless it terminated.
                pipe.rollback();
                more = false;
                return false;
            }
            active--;
            if (current < active) {
                pipes.swap(current, active);
            } else {
                current = 0;
            }
        }
        if (active == 0) {
            return false;
        }
        more = frame.hasMore();
        if (!more) {
            pipes.get(current).flush();
            if (++current >= active) {
                current = 0;
            }
        }
        return true;
    }

    /** The pipe the last frame went to (REQ uses it to accept replies only from there). */
    public Pipe lastPipe() {
        return lastPipe;
    }

    /** Whether some pipe can take a message now. */
    public boolean hasOut() {
        if (more) {
            return true;
        }
        while (active > 0) {
            if (pipes.get(current).checkWrite()) {
                return true;
            }
            active--;
            pipes.swap(current, active);
            if (current == active) {
                current = 0;
            }
        }
        return false;
    }
}
