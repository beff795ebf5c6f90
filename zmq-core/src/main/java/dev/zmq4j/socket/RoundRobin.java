package dev.zmq4j.socket;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeArray;

/**
 * The pipes of a routing strategy, with the active ones (those that can currently read or write) kept at the
 * front of the array and a cursor that walks them in turn. Activating, deactivating and removing a pipe are O(1):
 * a pipe is swapped across the active/inactive boundary instead of being searched for. Not thread-safe.
 */
final class RoundRobin {
    private final PipeArray pipes;
    private int active;
    private int current;

    /** @param slot which of the pipe's array indexes this set uses (a DEALER's two strategies need two) */
    RoundRobin(int slot) {
        pipes = new PipeArray(slot);
    }

    void attach(Pipe pipe) {
        pipes.add(pipe);
        activate(pipe);
    }

    void activate(Pipe pipe) {
        pipes.swap(pipes.indexOf(pipe), active);
        active++;
    }

    boolean hasActive() {
        return active > 0;
    }

    /** The pipe whose turn it is; only when {@link #hasActive()}. */
    Pipe current() {
        return pipes.get(current);
    }

    boolean isCurrent(Pipe pipe) {
        return active > 0 && pipes.indexOf(pipe) == current;
    }

    /** Moves the turn to the next active pipe. */
    void advance() {
        if (++current >= active) {
            current = 0;
        }
    }

    /** The current pipe cannot go on (empty, full): park it behind the active ones; the next one takes its turn. */
    void deactivateCurrent() {
        active--;
        pipes.swap(current, active);
        if (current == active) {
            current = 0;
        }
    }

    /** Forgets a pipe; returns false when it was not here. */
    boolean remove(Pipe pipe) {
        int index = pipes.indexOf(pipe);
        if (index < 0) {
            return false;
        }
        if (index < active) {
            active--;
            pipes.swap(index, active);
            if (current == active) {
                current = 0;
            }
        }
        pipes.remove(pipe);
        return true;
    }
}
