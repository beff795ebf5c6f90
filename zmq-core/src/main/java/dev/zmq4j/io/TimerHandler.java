package dev.zmq4j.io;

/** Receives the timers it set on an {@link IoThread}; called on that thread. */
public interface TimerHandler {
    void timerEvent(int timerId);
}
