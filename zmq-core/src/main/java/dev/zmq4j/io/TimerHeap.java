package dev.zmq4j.io;

import java.util.PriorityQueue;

/**
 * The timers of one I/O thread, ordered by deadline. Cancelling marks a timer and leaves it in the heap until its
 * deadline, which keeps cancellation O(1); a cancelled timer never fires. Used only on its I/O thread.
 */
final class TimerHeap {
    /** A pending timer; keep it to cancel it. */
    static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long sequence;
        private final TimerHandler handler;
        private final int id;
        private boolean cancelled;

        private Timer(long deadline, long sequence, TimerHandler handler, int id) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.handler = handler;
            this.id = id;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    private long nextSequence;

    Timer add(long delayMillis, TimerHandler handler, int id) {
        Timer timer = new Timer(System.nanoTime() + delayMillis * 1_000_000L, nextSequence++, handler, id);
        heap.add(timer);
        return timer;
    }

    /** Fires every expired timer; returns the nanoseconds until the next one, or -1 when none is pending. */
    long fireExpired() {
        while (true) {
            Timer head = heap.peek();
            if (head == null) {
                return -1;
            }
            if (head.cancelled) {
                heap.poll();
                continue;
            }
            long remaining = head.deadline - System.nanoTime();
            if (remaining > 0) {
                return remaining;
            }
            heap.poll();
            head.handler.timerEvent(head.id);
        }
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }
}
