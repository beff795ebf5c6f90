package dev.zmq4j.pipe;

import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A lock-free single-producer, single-consumer queue of frames with explicit flushing (libzmq's ypipe of msg_t),
 * storing small frames inline so that moving a message through a pipe allocates nothing.
 *
 * <p><b>Storage.</b> Frames live in chunks of {@value #ENTRIES} entries. A frame of at most {@link #INLINE_MAX}
 * bytes is copied into the chunk's byte arena (which grows, up to {@value #MAX_ARENA} bytes, as traffic needs); a
 * larger frame is stored by reference to an array the writer hands over. The reader releases a chunk it has
 * emptied for the writer to reuse one read later, so the frame it returned last stays readable: a frame read is
 * valid until the next {@link #read}. In steady state the two threads pass two chunks back and forth and nothing
 * is allocated.
 *
 * <p><b>Flushing.</b> The writer {@link #write writes} frames, the ones of an unfinished message marked
 * incomplete, and makes the complete ones visible with {@link #flush}. The reader reads until the queue looks
 * empty; at that moment it atomically marks itself asleep, and the next flush returns false to say the reader
 * must be woken (by a command, outside this class). Coordination is one {@link AtomicLong}: the position up to
 * which entries are flushed, or {@link #READER_ASLEEP}; positions only grow, so there is no ABA problem.
 */
public final class FrameQueue implements PipeQueue {
    static final int ENTRIES = 128;
    /** Largest frame copied inline; larger ones travel by reference. */
    public static final int INLINE_MAX = 8 * 1024;

    static final int MIN_ARENA = 1024;
    static final int MAX_ARENA = 64 * 1024;
    static final int SPARES = 16;

    private static final long READER_ASLEEP = -1;
    /** Entry flag: the chunk ends here (its arena was full); continue with the next chunk. */
    private static final int CHUNK_END = 1 << 30;

    private static final class Chunk {
        final int[] flags = new int[ENTRIES];
        final int[] offsets = new int[ENTRIES];
        final int[] sizes = new int[ENTRIES];
        final byte[][] references = new byte[ENTRIES][];
        /** Volatile: a reader that sees a grown arena must also see the bytes copied into it. */
        volatile byte[] arena = new byte[MIN_ARENA];

        Chunk next;
        /** Writer only: the chunk before, to roll back across a chunk boundary. */
        Chunk previous;
        /** Writer only. */
        int arenaUsed;
        /** Writer only: entries written, set when the writer leaves the chunk. */
        int entriesWritten;
    }

    /**
     * Emptied chunks on their way back from the reader to the writer: a ring with one producer (the reader) and
     * one consumer (the writer). A few are kept so that a reader trailing the writer by several chunks still
     * recycles every one; beyond that they are left to the garbage collector, so an idle pipe stays small.
     */
    private final AtomicReferenceArray<Chunk> spares = new AtomicReferenceArray<>(SPARES);

    private final AtomicLong sparesReleased = new AtomicLong();
    private final AtomicLong sparesReused = new AtomicLong();
    private final AtomicLong published = new AtomicLong();

    // Writer state.
    private Chunk backChunk;
    private int backIndex;
    private long backPosition;
    private long flushedUpTo;
    private long completeUpTo;

    // Reader state.
    private Chunk frontChunk;
    private int frontIndex;
    private long frontPosition;
    private long readableUpTo;
    private Chunk retired;

    public FrameQueue() {
        backChunk = new Chunk();
        frontChunk = backChunk;
    }

    // ---- writer ----------------------------------------------------------------------------------------------

    /**
     * Appends a frame. Small frames are copied; a frame larger than {@link #INLINE_MAX} is stored by reference if it
     * owns its array (the array is handed over) and copied into a new array otherwise.
     *
     * @param incomplete the frame belongs to a message whose last frame is not written yet
     */
    @Override
    public void write(Frame frame, boolean incomplete) {
        int size = frame.size();
        if (size > INLINE_MAX) {
            byte[] array = frame.isOwned() ? frame.array() : frame.data();
            int index = reserve(0);
            Chunk chunk = backChunk;
            chunk.references[index] = array;
            chunk.offsets[index] = 0;
            chunk.sizes[index] = size;
            chunk.flags[index] = frame.flags();
        } else {
            int index = reserve(size);
            Chunk chunk = backChunk;
            System.arraycopy(frame.array(), frame.offset(), chunk.arena, chunk.arenaUsed, size);
            commitInline(chunk, index, size, frame.flags());
        }
        advance(incomplete);
    }

    /** Appends a frame of at most {@link #INLINE_MAX} bytes read from {@code source} (which is advanced). */
    public void write(ByteBuffer source, int size, int flags, boolean incomplete) {
        int index = reserve(size);
        Chunk chunk = backChunk;
        source.get(chunk.arena, chunk.arenaUsed, size);
        commitInline(chunk, index, size, flags);
        advance(incomplete);
    }

    private static void commitInline(Chunk chunk, int index, int size, int flags) {
        chunk.references[index] = null;
        chunk.offsets[index] = chunk.arenaUsed;
        chunk.sizes[index] = size;
        chunk.flags[index] = flags;
        chunk.arenaUsed += size;
    }

    /** Finds room for an entry with {@code inlineBytes} of arena; returns the entry index in the back chunk. */
    private int reserve(int inlineBytes) {
        Chunk chunk = backChunk;
        int needed = chunk.arenaUsed + inlineBytes;
        if (needed > chunk.arena.length) {
            if (needed <= MAX_ARENA) {
                growArena(chunk, needed);
            } else {
                // The arena is full: end this chunk early and continue in a fresh one.
                chunk.flags[backIndex] = CHUNK_END;
                chunk.references[backIndex] = null;
                backIndex++;
                backPosition++;
                nextChunk();
                chunk = backChunk;
                if (inlineBytes > chunk.arena.length) {
                    growArena(chunk, inlineBytes);
                }
            }
        }
        return backIndex;
    }

    private static void growArena(Chunk chunk, int needed) {
        int capacity = chunk.arena.length;
        while (capacity < needed) {
            capacity *= 2;
        }
        byte[] grown = new byte[Math.min(capacity, MAX_ARENA)];
        // The reader may be reading the old array concurrently; it is only read here, never written again.
        System.arraycopy(chunk.arena, 0, grown, 0, chunk.arenaUsed);
        chunk.arena = grown;
    }

    private void advance(boolean incomplete) {
        backIndex++;
        backPosition++;
        if (!incomplete) {
            completeUpTo = backPosition;
            // Rolling back never goes past a complete frame: drop the link, or it would keep every chunk alive.
            backChunk.previous = null;
        }
        if (backIndex == ENTRIES) {
            nextChunk();
        }
    }

    private void nextChunk() {
        Chunk chunk = reuseSpare();
        if (chunk == null) {
            chunk = new Chunk();
        }
        chunk.next = null;
        chunk.arenaUsed = 0;
        chunk.entriesWritten = 0;
        chunk.previous = completeUpTo == backPosition ? null : backChunk;
        backChunk.entriesWritten = backIndex;
        backChunk.next = chunk;
        backChunk = chunk;
        backIndex = 0;
    }

    /** Takes back the last frame if its message is incomplete; returns false when there is none to take back. */
    @Override
    public boolean unwrite() {
        if (completeUpTo == backPosition) {
            return false;
        }
        retreat();
        // A chunk end written for this frame goes too.
        while (completeUpTo < backPosition && lastIsChunkEnd()) {
            retreat();
        }
        return true;
    }

    private boolean lastIsChunkEnd() {
        if (backIndex > 0) {
            return backChunk.flags[backIndex - 1] == CHUNK_END;
        }
        Chunk previous = backChunk.previous;
        return previous != null && previous.flags[previous.entriesWritten - 1] == CHUNK_END;
    }

    private void retreat() {
        if (backIndex == 0) {
            Chunk previous = backChunk.previous;
            previous.next = null;
            backChunk = previous;
            backIndex = previous.entriesWritten;
        }
        backIndex--;
        backPosition--;
        Chunk chunk = backChunk;
        if (chunk.flags[backIndex] != CHUNK_END && chunk.references[backIndex] == null) {
            chunk.arenaUsed = chunk.offsets[backIndex];
        }
        chunk.references[backIndex] = null;
    }

    /** Publishes the complete frames; false when the reader had gone to sleep and must be woken. */
    @Override
    public boolean flush() {
        if (flushedUpTo == completeUpTo) {
            return true;
        }
        if (!published.compareAndSet(flushedUpTo, completeUpTo)) {
            published.set(completeUpTo);
            flushedUpTo = completeUpTo;
            return false;
        }
        flushedUpTo = completeUpTo;
        return true;
    }

    // ---- reader ----------------------------------------------------------------------------------------------

    /** Whether an entry can be read; if not, the reader is now marked asleep. */
    private boolean checkReadable() {
        if (frontPosition < readableUpTo) {
            return true;
        }
        long seen = published.compareAndExchange(frontPosition, READER_ASLEEP);
        if (seen == frontPosition || seen == READER_ASLEEP) {
            return false;
        }
        readableUpTo = seen;
        return true;
    }

    /** Skips chunk ends; whether a frame is at the front. */
    private boolean frontFrameReadable() {
        while (checkReadable()) {
            if (frontChunk.flags[frontIndex] != CHUNK_END) {
                return true;
            }
            pop();
        }
        return false;
    }

    /** The flags of the next frame, or -1 when there is none (the reader is then asleep). */
    @Override
    public int peekFlags() {
        return frontFrameReadable() ? frontChunk.flags[frontIndex] : -1;
    }

    /**
     * Reads the next frame into {@code view}; false when there is none (the reader is then asleep). The view stays
     * valid until the next call of this method.
     */
    @Override
    public boolean read(Frame view) {
        if (retired != null) {
            releaseSpare(retired);
            retired = null;
        }
        if (!frontFrameReadable()) {
            return false;
        }
        Chunk chunk = frontChunk;
        int index = frontIndex;
        byte[] reference = chunk.references[index];
        if (reference != null) {
            view.setOwned(reference, chunk.flags[index]);
            chunk.references[index] = null;
        } else {
            view.setView(chunk.arena, chunk.offsets[index], chunk.sizes[index], chunk.flags[index]);
        }
        pop();
        return true;
    }

    private void pop() {
        frontPosition++;
        Chunk chunk = frontChunk;
        boolean chunkEnds = chunk.flags[frontIndex] == CHUNK_END || frontIndex == ENTRIES - 1;
        if (!chunkEnds) {
            frontIndex++;
            return;
        }
        frontChunk = chunk.next;
        frontIndex = 0;
        chunk.next = null;
        // Keep the emptied chunk until the next read: the frame just returned may live in it.
        if (retired != null) {
            releaseSpare(retired);
        }
        retired = chunk;
    }

    /** Reader: hands an emptied chunk back to the writer, if the ring has room. */
    private void releaseSpare(Chunk chunk) {
        long released = sparesReleased.get();
        if (released - sparesReused.get() < SPARES) {
            spares.lazySet((int) (released % SPARES), chunk);
            sparesReleased.lazySet(released + 1);
        }
    }

    /** Writer: an emptied chunk to reuse, or null. */
    private Chunk reuseSpare() {
        long reused = sparesReused.get();
        if (reused == sparesReleased.get()) {
            return null;
        }
        int slot = (int) (reused % SPARES);
        Chunk chunk = spares.get(slot);
        spares.lazySet(slot, null);
        sparesReused.lazySet(reused + 1);
        return chunk;
    }
}
