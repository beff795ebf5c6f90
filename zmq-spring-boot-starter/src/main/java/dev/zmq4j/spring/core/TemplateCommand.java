package dev.zmq4j.spring.core;

import dev.zmq4j.Message;
import java.util.concurrent.CompletableFuture;

/**
 * What caller threads ask a template's socket thread to do. Immutable records, handed over through a queue; each
 * knows its frames and its future, so the socket thread never takes one apart by type.
 */
sealed interface TemplateCommand {

    /** A message to send: its frames, and the future a caller waits on (completed here, or by its reply). */
    sealed interface Outgoing extends TemplateCommand {
        Message frames();

        CompletableFuture<?> future();

        /** The socket has taken the frames. */
        void taken();

        /** It will never be sent: the caller's future fails with {@code reason}. */
        default void fail(String reason) {
            future().completeExceptionally(new ZmqTemplateException(reason));
        }
    }

    /** Send {@code frames}; {@code sent} completes once the socket has taken them. */
    record Send(Message frames, CompletableFuture<Void> sent) implements Outgoing {
        public CompletableFuture<?> future() {
            return sent;
        }

        public void taken() {
            sent.complete(null);
        }
    }

    /** Send request {@code frames} (already carrying the request id); the reply completes a pending future. */
    record Request(Message frames, CompletableFuture<Message> reply) implements Outgoing {
        public CompletableFuture<?> future() {
            return reply;
        }

        public void taken() {
            // Done when the reply comes back (or the request times out), not when it leaves.
        }
    }

    /**
     * Connect to {@code endpoint}: an endpoint named by {@code ${local.zmq.<socket>.endpoint}} that was bound only
     * after the template was created.
     */
    record Connect(String endpoint) implements TemplateCommand {}

    /** Finish the pending requests (bounded by the shutdown timeout), then close. */
    record Stop() implements TemplateCommand {}
}
