package dev.zmq4j.io;

/**
 * A pending timer of an {@link IoThread}, returned by {@link IoThread#addTimer} so that its owner can cancel it.
 * Ordered by deadline, ties by creation order, so timers set for the same moment fire in the order they were set.
 *
 * <p>Used only on its I/O thread.
 */
public final class Timer implements Comparable<Timer> {
    private final long deadline;
    private final long sequence;
    private final TimerHandler handler;
    private final int id;
    private boolean cancelled;

    Timer(long deadline, long sequence, TimerHandler handler, int id) {
        this.deadline = deadline;
        this.sequence = sequence;
        this.handler = handler;
        this.id = id;
    }

    long deadline() {
        return deadline;
    }

    boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    TimerHandler handler() {
        return handler;
    }

    void fire() {
        handler.timerEvent(id);
    }

    @Override
    public int compareTo(Timer other) {
        int byDeadline = Long.compare(deadline - other.deadline, 0);
        return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return "Timer[" + handler.getClass().getSimpleName() + " #" + id + (cancelled ? ", cancelled]" : "]");
    }
}
