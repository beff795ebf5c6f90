package dev.zmq4j.spring.listener;

/**
 * Turns a failed invocation into a reply (REP and ROUTER listeners) or a logged event (one-way listeners). Called
 * on the listener's thread, or for a future the listener returned, on the thread that completed it; must be
 * thread-safe when the listener has several workers or returns futures. Whatever it returns is sent
 * as the reply ({@code dev.zmq4j.Message} verbatim, {@code byte[]}, {@code String}, or an object converted like a
 * listener's return value); if it throws, the starter still answers with a {@code zmq4j-error} reply, because a
 * REQ peer waits for exactly one.
 */
@FunctionalInterface
public interface ZmqListenerErrorHandler {
    Object handleError(org.springframework.messaging.Message<?> request, ListenerExecutionFailedException exception)
            throws Exception;
}
