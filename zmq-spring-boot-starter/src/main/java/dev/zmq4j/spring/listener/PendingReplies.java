package dev.zmq4j.spring.listener;

import dev.zmq4j.Message;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The replies of one container run whose listener futures have not completed yet. A socket belongs to one thread,
 * so the thread that completes a future never sends: it queues the finished reply here and wakes the socket's
 * thread, which sends it. One-way listeners' futures are tracked too (with no reply), so a graceful stop can wait
 * for them.
 *
 * <p>Thread rule: {@link #track}, {@link #sendCompleted} and {@link #count} on the socket's thread only; the
 * completion callbacks run on any thread and touch only the lock-free queue and the wake-up.
 */
final class PendingReplies {
    /** A completed future's reply; {@code reply} is null for a one-way listener. */
    private record Completed(Message reply) {}

    private final Queue<Completed> completed = new ConcurrentLinkedQueue<>();
    private final Runnable wake;
    /** Futures tracked and not yet taken back from the queue; socket thread only. */
    private int pending;

    /** @param wake wakes the socket's thread from its poll; called on the completing thread */
    PendingReplies(Runnable wake) {
        this.wake = wake;
    }

    /** Hands a reply that is not complete yet to the completing thread; socket thread. */
    void track(CompletableFuture<Message> reply) {
        pending++;
        reply.whenComplete((message, failure) -> {
            // the dispatcher's futures never fail; a null reply is dropped like a one-way one
            completed.add(new Completed(failure == null ? message : null));
            wake.run();
        });
    }

    /** Sends every reply completed since the last call; socket thread. */
    void sendCompleted(Consumer<Message> send) {
        Completed done;
        while ((done = completed.poll()) != null) {
            pending--;
            if (done.reply() != null) {
                send.accept(done.reply());
            }
        }
    }

    /** Tracked futures whose replies have not been sent yet; socket thread. */
    int count() {
        return pending;
    }
}
