package dev.zmq4j.core;

/** How a {@link Mailbox} wakes its reader when a command arrives while the reader sleeps. */
@FunctionalInterface
public interface Wakeup {
    void wake();
}
