package dev.zmq4j.socket;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeArray;

/**
 * Fair-queued receiving (libzmq's fq_t): takes whole messages round-robin from the pipes that have input, so no
 * peer can starve the others. Empty pipes are swapped behind the active ones until they are activated again.
 */
public final class FairQueue {
    private final PipeArray pipes = new PipeArray(1);
    private int active;
    private int current;
    private boolean more;
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
            more = false;
        }
    }

    /** The next frame, or null when no pipe has one. */
    public Frame recv() {
        while (active > 0) {
            Pipe pipe = pipes.get(current);
            Frame frame = pipe.read();
            if (frame != null) {
                lastPipe = pipe;
                more = frame.hasMore();
                if (!more) {
                    if (++current >= active) {
                        current = 0;
                    }
                }
                return frame;
            }
            // A pipe never runs dry in the middle of a message: pipes deliver whole messages.
            more = false;
            active--;
            pipes.swap(current, active);
            if (current == active) {
                current = 0;
            }
        }
        return null;
    }

    /** The pipe the last frame came from. */
    public Pipe lastPipe() {
        return lastPipe;
    }

    public boolean hasIn() {
        if (more) {
            return true;
        }
        while (active > 0) {
            if (pipes.get(current).checkRead()) {
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
