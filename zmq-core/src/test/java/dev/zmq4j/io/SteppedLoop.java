package dev.zmq4j.io;

import dev.zmq4j.core.ContextCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An {@link IoThread} that is never started: the test thread steps its loop with {@link IoThread#runOnce}, and is
 * therefore the I/O thread of everything registered with it. Every wait is bounded by {@link #WAIT_MILLIS} and fails
 * naming what it waited for; nothing sleeps.
 */
public final class SteppedLoop implements AutoCloseable {
    public static final long WAIT_MILLIS = 10_000;
    private static final int STEP_MILLIS = 5;

    private final IoThread thread;

    public SteppedLoop(String name) {
        this(null, name);
    }

    public SteppedLoop(ContextCore context, String name) {
        this.thread = new IoThread(context, name);
    }

    public IoThread thread() {
        return thread;
    }

    /** Steps the loop until it finds nothing to do right now. */
    public void runPending() {
        for (int i = 0; i < 100_000; i++) {
            if (step(0) == 0) {
                return;
            }
        }
        throw new AssertionError("the loop never ran out of work: something is spinning");
    }

    /** Steps the loop, also running {@code between} after each step, until {@code condition} holds. */
    public void runUntil(BooleanSupplier condition, Runnable between, Supplier<String> what) {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + WAIT_MILLIS + " ms waiting for " + what.get());
            }
            step(STEP_MILLIS);
            between.run();
        }
    }

    public void runUntil(BooleanSupplier condition, String what) {
        runUntil(condition, () -> {}, () -> what);
    }

    private int step(long maxWaitMillis) {
        try {
            return thread.runOnce(maxWaitMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        thread.closeSelector();
    }
}
