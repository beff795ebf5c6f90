package dev.zmq4j.core;

/**
 * How a {@link Mailbox} wakes its reader when a command arrives while the reader sleeps.
 *
 * <p>Implementations must be thread-safe: any thread that sends a command may call it.
 */
@FunctionalInterface
public interface Wakeup {
    void wake();
}
