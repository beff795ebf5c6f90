package dev.zmq4j.spring.core;

import dev.zmq4j.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How a {@link ZmqTemplate}'s messages reach its socket, which depends on the socket: a classic one belongs to a
 * thread of its own ({@link SocketLoopChannel}), a thread-safe SCATTER is called from the caller's thread
 * ({@link ScatterChannel}), a CLIENT has one request in flight at a time ({@link ClientRequestChannel}). Every method
 * may be called from any thread.
 */
interface TemplateChannel {

    /** Sends one message (already converted); the future completes once the socket has taken it. */
    CompletableFuture<Void> send(Message frames);

    /**
     * Sends a request (its body frames) and completes with the reply's body frames. The template bounds the future
     * with {@code timeout} itself; the channel may use it to stop waiting for a reply that can no longer be used.
     */
    CompletableFuture<Message> request(Message body, Duration timeout);

    /** Connects to {@code endpoint}, bound after the template was created ({@code ${local.zmq.<socket>.endpoint}}). */
    void connectLater(String endpoint);

    /** Lets pending requests finish (up to the shutdown timeout), fails the rest, closes the socket. Idempotent. */
    void close();
}
