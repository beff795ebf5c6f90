package dev.zmq4j.spring.core;

import dev.zmq4j.Message;
import java.util.concurrent.CompletableFuture;

/** What caller threads ask a template's socket thread to do. Immutable records, handed over through a queue. */
sealed interface TemplateCommand {

    /** Send {@code frames}; {@code sent} completes once the socket has taken them. */
    record Send(Message frames, CompletableFuture<Void> sent) implements TemplateCommand {}

    /** Send request {@code frames} (already carrying the request id); the reply completes a pending future. */
    record Request(Message frames, CompletableFuture<Message> reply) implements TemplateCommand {}

    /** Finish the pending requests (bounded by the shutdown timeout), then close. */
    record Stop() implements TemplateCommand {}
}
