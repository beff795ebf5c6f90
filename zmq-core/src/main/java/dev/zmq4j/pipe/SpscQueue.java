package dev.zmq4j.pipe;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free single-producer, single-consumer queue with explicit flushing, after libzmq's ypipe.
 *
 * <p>The writer {@link #write writes} values (possibly marked incomplete, the frames of a multipart message not yet
 * finished) and makes them visible to the reader with {@link #flush}. The reader {@link #read reads} until the queue
 * looks empty; at that moment it atomically marks itself asleep, and the next flush reports that the reader must
 * be woken (by a command, outside this class). Bursts therefore cost one wake-up, and a busy reader is never woken.
 *
 * <p>Coordination is a single {@link AtomicLong}, {@code published}: the position up to which values are flushed,
 * or {@link #READER_ASLEEP}. Positions only grow, so no ABA problem exists. The writer owns {@code flushedUpTo} and
 * {@code completeUpTo}; the reader owns {@code readableUpTo}.
 */
public final class SpscQueue<T> {
    private static final long READER_ASLEEP = -1;

    private final ChunkedQueue<T> queue = new ChunkedQueue<>();
    private final AtomicLong published = new AtomicLong(0);

    /** Writer: values before this position are visible to the reader. */
    private long flushedUpTo;
    /** Writer: values before this position form complete messages and may be flushed. */
    private long completeUpTo;
    /** Reader: values before this position are known to be readable without touching {@code published}. */
    private long readableUpTo;

    /** Writer: appends a value; {@code incomplete} holds it back from flushing until a complete value follows. */
    public void write(T value, boolean incomplete) {
        queue.push(value);
        if (!incomplete) {
            completeUpTo = queue.backPosition();
        }
    }

    /** Writer: takes back the last value if it is not yet part of a complete message; null otherwise. */
    public T unwrite() {
        if (completeUpTo == queue.backPosition()) {
            return null;
        }
        return queue.unpush();
    }

    /**
     * Writer: publishes everything complete so far. Returns false when the reader had gone to sleep and must be
     * woken by the caller.
     */
    public boolean flush() {
        if (flushedUpTo == completeUpTo) {
            return true;
        }
        if (!published.compareAndSet(flushedUpTo, completeUpTo)) {
            // The reader marked itself asleep: publish unconditionally and tell the caller to wake it.
            published.set(completeUpTo);
            flushedUpTo = completeUpTo;
            return false;
        }
        flushedUpTo = completeUpTo;
        return true;
    }

    /** Reader: whether a value can be read; if not, the reader is now marked asleep. */
    public boolean checkRead() {
        long front = queue.frontPosition();
        if (front < readableUpTo) {
            return true;
        }
        long seen = published.compareAndExchange(front, READER_ASLEEP);
        if (seen == front || seen == READER_ASLEEP) {
            return false;
        }
        readableUpTo = seen;
        return true;
    }

    /** Reader: the next value, or null when there is none (the reader is then asleep). */
    public T read() {
        if (!checkRead()) {
            return null;
        }
        return queue.pop();
    }

    /** Reader: the next value without removing it, or null. */
    public T peek() {
        if (!checkRead()) {
            return null;
        }
        return queue.front();
    }
}
