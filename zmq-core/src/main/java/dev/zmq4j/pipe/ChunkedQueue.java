package dev.zmq4j.pipe;

import java.util.concurrent.atomic.AtomicReference;

/**
 * An unbounded queue stored in fixed-size chunks, so that pushing and popping touch no allocator in the steady
 * state: the chunk the reader has just emptied is kept as a spare and reused by the writer.
 *
 * <p>Not thread-safe by itself: one thread pushes at the back, one thread pops at the front, and the caller
 * ({@link SpscQueue}) publishes the writes with a volatile handoff. The only field both threads touch is the spare
 * chunk, exchanged atomically.
 *
 * <p>Positions are counted as longs from zero; {@link #frontPosition()} and {@link #backPosition()} let the
 * owning pipe reason about "how far" without pointers.
 */
final class ChunkedQueue<T> {
    static final int CHUNK_SIZE = 256;

    private static final class Chunk {
        final Object[] values = new Object[CHUNK_SIZE];
        Chunk previous;
        Chunk next;
    }

    private Chunk frontChunk;
    private int frontIndex;
    private long frontPosition;

    private Chunk backChunk;
    private int backIndex;
    private long backPosition;

    private final AtomicReference<Chunk> spare = new AtomicReference<>();

    ChunkedQueue() {
        frontChunk = new Chunk();
        backChunk = frontChunk;
    }

    long frontPosition() {
        return frontPosition;
    }

    long backPosition() {
        return backPosition;
    }

    /** Writer side: appends a value. */
    void push(T value) {
        backChunk.values[backIndex] = value;
        backPosition++;
        if (++backIndex == CHUNK_SIZE) {
            Chunk chunk = spare.getAndSet(null);
            if (chunk == null) {
                chunk = new Chunk();
            }
            chunk.next = null;
            chunk.previous = backChunk;
            backChunk.next = chunk;
            backChunk = chunk;
            backIndex = 0;
        }
    }

    /** Writer side: removes and returns the value pushed last (used to roll back an incomplete message). */
    @SuppressWarnings("unchecked")
    T unpush() {
        if (backIndex > 0) {
            backIndex--;
        } else {
            backChunk = backChunk.previous;
            backChunk.next = null;
            backIndex = CHUNK_SIZE - 1;
        }
        backPosition--;
        T value = (T) backChunk.values[backIndex];
        backChunk.values[backIndex] = null;
        return value;
    }

    /** Reader side: the first value, which the caller has established is there. */
    @SuppressWarnings("unchecked")
    T front() {
        return (T) frontChunk.values[frontIndex];
    }

    /** Reader side: removes and returns the first value, which the caller has established is there. */
    @SuppressWarnings("unchecked")
    T pop() {
        T value = (T) frontChunk.values[frontIndex];
        frontChunk.values[frontIndex] = null;
        frontPosition++;
        if (++frontIndex == CHUNK_SIZE) {
            Chunk emptied = frontChunk;
            frontChunk = frontChunk.next;
            frontChunk.previous = null;
            frontIndex = 0;
            emptied.next = null;
            spare.set(emptied);
        }
        return value;
    }
}
