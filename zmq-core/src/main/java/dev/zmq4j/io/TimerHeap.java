package dev.zmq4j.io;

import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * The timers of one I/O thread, ordered by deadline. Cancelling marks a timer and leaves it in the heap until its
 * deadline, which keeps cancellation O(1); a cancelled timer never fires. Used only on its I/O thread.
 */
final class TimerHeap {
    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    private long nextSequence;
    private int firedInLastCall;

    Timer add(long delayMillis, TimerHandler handler, int id) {
        Timer timer = new Timer(System.nanoTime() + delayMillis * 1_000_000L, nextSequence++, handler, id);
        heap.add(timer);
        return timer;
    }

    /**
     * Fires every expired timer; returns the nanoseconds until the next one, or -1 when none is pending. A timer
     * whose handler throws what the thread survives is reported to {@code onFailure}, and the others still fire.
     */
    long fireExpired(BiConsumer<TimerHandler, Throwable> onFailure) {
        firedInLastCall = 0;
        while (true) {
            Timer head = heap.peek();
            if (head == null) {
                return -1;
            }
            if (head.isCancelled()) {
                heap.poll();
                continue;
            }
            long remaining = head.deadline() - System.nanoTime();
            if (remaining > 0) {
                return remaining;
            }
            heap.poll();
            firedInLastCall++;
            try {
                head.fire();
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                onFailure.accept(head.handler(), e);
            }
        }
    }

    /** How many timers the last {@link #fireExpired()} fired. */
    int firedInLastCall() {
        return firedInLastCall;
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }
}
