package dev.zmq4j.pipe;

import dev.zmq4j.msg.Frame;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue of a conflating pipe (CONFLATE; libzmq's ypipe_conflate): it holds one message, the latest complete
 * one flushed, and a newer message replaces one the reader has not taken yet. Lock-free for one writer and one
 * reader, and allocation-free once its buffers have grown to the traffic.
 *
 * <p><b>Exchange.</b> Four message slots: the writer fills its <em>back</em> slot, the reader reads its
 * <em>front</em> slot and keeps a <em>spare</em>, and one slot sits in the middle. Publishing swaps the back slot
 * with the middle one and marks the middle fresh; taking swaps the reader's spare with a fresh middle slot. One
 * {@link AtomicInteger} holds the middle slot's index and the flags FRESH, ASLEEP (the reader found nothing and
 * waits for a wake-up command) and DELIMITED (the writer ended the pipe). The spare, not the front, is what the
 * reader gives away, so the frame it returned last stays readable until its next read, as with
 * {@link FrameQueue}; that needs the fourth slot.
 *
 * <p>Unlike libzmq, which conflates frame by frame, a multipart message is kept whole. The pipe's end-of-stream
 * delimiter does not replace the latest message: the reader takes that message first.
 *
 * <p>Lock-free for one writer thread and one reader thread, as every {@link PipeQueue}, whose methods
 * say which of the two calls each.
 */
public final class ConflatingQueue implements PipeQueue {
    private static final int SLOT_MASK = 3;
    private static final int FRESH = 4;
    private static final int ASLEEP = 8;
    private static final int DELIMITED = 16;

    private static final int FRAME = 1;
    private static final int NOTHING = 0;
    private static final int END = -1;

    private static final byte[] EMPTY = new byte[0];

    /** One message: small frames copied into an arena, large ones kept by reference. */
    private static final class Slot {
        byte[] arena = new byte[256];
        int arenaUsed;
        int count;
        int[] offsets = new int[2];
        int[] sizes = new int[2];
        int[] flags = new int[2];
        byte[][] references = new byte[2][];

        void append(Frame frame) {
            if (count == flags.length) {
                int grown = count * 2;
                offsets = Arrays.copyOf(offsets, grown);
                sizes = Arrays.copyOf(sizes, grown);
                flags = Arrays.copyOf(flags, grown);
                references = Arrays.copyOf(references, grown);
            }
            int size = frame.size();
            if (size > FrameQueue.INLINE_MAX) {
                references[count] = frame.isOwned() ? frame.array() : frame.data();
                offsets[count] = 0;
            } else {
                if (arenaUsed + size > arena.length) {
                    arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + size));
                }
                System.arraycopy(frame.array(), frame.offset(), arena, arenaUsed, size);
                references[count] = null;
                offsets[count] = arenaUsed;
                arenaUsed += size;
            }
            sizes[count] = size;
            flags[count] = frame.flags();
            count++;
        }

        boolean removeLast() {
            if (count == 0) {
                return false;
            }
            count--;
            if (references[count] == null) {
                arenaUsed = offsets[count];
            }
            references[count] = null;
            return true;
        }

        void read(int index, Frame view) {
            byte[] reference = references[index];
            if (reference != null) {
                // Handed over to the reader, as FrameQueue does.
                references[index] = null;
                view.setOwned(reference, flags[index]);
            } else {
                view.setView(arena, offsets[index], sizes[index], flags[index]);
            }
        }

        void clear() {
            Arrays.fill(references, 0, count, null);
            count = 0;
            arenaUsed = 0;
        }
    }

    private final Slot[] slots = {new Slot(), new Slot(), new Slot(), new Slot()};
    /** The middle slot's index and the FRESH, ASLEEP and DELIMITED flags. */
    private final AtomicInteger exchange = new AtomicInteger(0);

    // Writer state.
    private int back = 1;
    /** The back slot holds a complete message that is not published yet. */
    private boolean backComplete;

    private boolean delimiterWritten;

    // Reader state.
    private int front = 2;
    private int frontRead;
    private int spare = 3;
    private boolean delimiterRead;

    // ---- writer ----------------------------------------------------------------------------------------------

    @Override
    public void write(Frame frame, boolean incomplete) {
        if (frame.isDelimiter()) {
            delimiterWritten = true;
            return;
        }
        Slot slot = slots[back];
        if (backComplete) {
            // A newer message replaces the one not flushed yet.
            slot.clear();
            backComplete = false;
        }
        slot.append(frame);
        backComplete = !incomplete;
    }

    @Override
    public boolean unwrite() {
        return !backComplete && slots[back].removeLast();
    }

    @Override
    public boolean flush() {
        if (!backComplete && !delimiterWritten) {
            return true;
        }
        while (true) {
            int state = exchange.get();
            int next = backComplete ? back | FRESH : state & (SLOT_MASK | FRESH);
            next |= state & DELIMITED;
            if (delimiterWritten) {
                next |= DELIMITED;
            }
            if (exchange.compareAndSet(state, next)) {
                if (backComplete) {
                    // Either the reader's old spare or a message it never took: reused either way.
                    back = state & SLOT_MASK;
                    slots[back].clear();
                    backComplete = false;
                }
                delimiterWritten = false;
                return (state & ASLEEP) == 0;
            }
        }
    }

    // ---- reader ----------------------------------------------------------------------------------------------

    /** Makes a frame available at the front: FRAME, END (only the delimiter is left) or NOTHING (now asleep). */
    private int advance() {
        if (frontRead < slots[front].count) {
            return FRAME;
        }
        while (true) {
            int state = exchange.get();
            if ((state & FRESH) != 0) {
                if (exchange.compareAndSet(state, spare | (state & DELIMITED))) {
                    spare = front;
                    front = state & SLOT_MASK;
                    frontRead = 0;
                    return FRAME;
                }
            } else if ((state & DELIMITED) != 0) {
                return delimiterRead ? NOTHING : END;
            } else if (exchange.compareAndSet(state, state | ASLEEP)) {
                return NOTHING;
            }
        }
    }

    @Override
    public int peekFlags() {
        switch (advance()) {
            case FRAME:
                return slots[front].flags[frontRead];
            case END:
                return Frame.DELIMITER;
            default:
                return -1;
        }
    }

    @Override
    public boolean read(Frame view) {
        switch (advance()) {
            case FRAME:
                slots[front].read(frontRead++, view);
                return true;
            case END:
                delimiterRead = true;
                view.setView(EMPTY, 0, 0, Frame.DELIMITER);
                return true;
            default:
                return false;
        }
    }
}
