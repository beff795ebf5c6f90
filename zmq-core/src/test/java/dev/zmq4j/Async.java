package dev.zmq4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@link CompletableFuture#runAsync} and {@link CompletableFuture#supplyAsync} on a new daemon thread per task,
 * never on the common pool. On a 2-core machine the common pool has one worker; Java 17's CompletableFuture then
 * gave every task a thread of its own, but Java 25's queues tasks on that one worker, so a test task still blocked
 * in a socket call (a receive waiting out its timeout) would keep the next test's task from ever starting.
 */
public final class Async {
    private static final Executor THREAD_PER_TASK = task -> {
        Thread thread = new Thread(task, "test-async");
        thread.setDaemon(true);
        thread.start();
    };

    private Async() {}

    public static CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, THREAD_PER_TASK);
    }

    public static <T> CompletableFuture<T> supply(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, THREAD_PER_TASK);
    }
}
