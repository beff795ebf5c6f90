package dev.zmq4j.spring.listener;

import dev.zmq4j.Message;
import java.util.concurrent.CompletableFuture;

/**
 * What a container calls for each received message. Called on a container thread, one message at a time per
 * thread; implementations must be thread-safe when the container runs several workers.
 */
@FunctionalInterface
public interface ReceivedMessageHandler {
    /**
     * @return the reply body for REP and ROUTER listeners (never null for them: the caller must always answer), or
     *     null for one-way listeners; already completed unless the listener method returned a future, in which case
     *     it completes, on any thread, when that future does. It never completes exceptionally: a failure becomes
     *     the error handler's reply.
     */
    CompletableFuture<Message> handle(InboundMessage inbound);
}
