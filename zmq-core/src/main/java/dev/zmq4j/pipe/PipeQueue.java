package dev.zmq4j.pipe;

import dev.zmq4j.msg.Frame;

/**
 * One direction of a {@link Pipe}: a lock-free queue with one writer thread and one reader thread, whose written
 * frames become visible to the reader only when flushed, and whose reader sleeps (to be woken by a command) when
 * it finds nothing. {@link FrameQueue} keeps every message; {@link ConflatingQueue} only the latest (CONFLATE).
 */
public interface PipeQueue {
    /**
     * Writer: appends a frame, copying it or, for a large frame that owns its array, taking the array over.
     *
     * @param incomplete the frame belongs to a message whose last frame is not written yet
     */
    void write(Frame frame, boolean incomplete);

    /** Writer: takes back a frame of an incomplete message; false when there is none to take back. */
    boolean unwrite();

    /** Writer: publishes the complete messages; false when the reader had gone to sleep and must be woken. */
    boolean flush();

    /** Reader: the flags of the next frame, or -1 when there is none (the reader is then asleep). */
    int peekFlags();

    /**
     * Reader: reads the next frame into {@code view}, valid until the next call; false when there is none (the
     * reader is then asleep).
     */
    boolean read(Frame view);
}
