package dev.zmq4j.io;

/** Receives the timers it set on an {@link IoThread}; called on that thread. */
public interface TimerHandler {
    void timerEvent(int timerId);

    /**
     * An unexpected exception, an {@link OutOfMemoryError} or a {@link StackOverflowError} escaped one of this
     * handler's calls on its I/O thread, which has logged it and goes on. Give up the one connection (or
     * connection attempt) the handler serves, so that nothing else on the thread is affected. Must not throw; the
     * default does nothing more.
     */
    default void handlerFailed(Throwable failure) {}
}
