package dev.zmq4j.pipe;

import java.util.Arrays;

/**
 * An array of pipes with O(1) insertion, removal and swapping: each pipe remembers its own index (per slot, so one
 * pipe can be in up to three arrays, e.g. a DEALER's load balancer and fair queue). Routing strategies keep their
 * active pipes at the front and swap a pipe to the back to deactivate it. Not thread-safe.
 */
public final class PipeArray {
    private final int slot;
    private Pipe[] pipes = new Pipe[8];
    private int size;

    public PipeArray(int slot) {
        this.slot = slot;
    }

    public int size() {
        return size;
    }

    public Pipe get(int index) {
        return pipes[index];
    }

    public void add(Pipe pipe) {
        if (size == pipes.length) {
            pipes = Arrays.copyOf(pipes, size * 2);
        }
        pipe.arrayIndex[slot] = size;
        pipes[size++] = pipe;
    }

    public int indexOf(Pipe pipe) {
        return pipe.arrayIndex[slot];
    }

    public void remove(Pipe pipe) {
        int index = pipe.arrayIndex[slot];
        int last = size - 1;
        if (index != last) {
            swap(index, last);
        }
        pipes[last] = null;
        pipe.arrayIndex[slot] = -1;
        size--;
    }

    public void swap(int first, int second) {
        if (first == second) {
            return;
        }
        Pipe a = pipes[first];
        Pipe b = pipes[second];
        pipes[first] = b;
        pipes[second] = a;
        b.arrayIndex[slot] = first;
        a.arrayIndex[slot] = second;
    }
}
