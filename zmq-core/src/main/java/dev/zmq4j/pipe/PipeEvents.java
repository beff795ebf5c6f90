package dev.zmq4j.pipe;

/** What the owner of a pipe end (a socket or a session) is told about it, on the owner's thread. */
public interface PipeEvents {
    /** Messages arrived in a pipe that had looked empty. */
    void readActivated(Pipe pipe);

    /** A pipe that had hit its high-water mark accepts messages again. */
    void writeActivated(Pipe pipe);

    /** The peer's end now serves a new connection (it reconnected): state the peer had must be sent again. */
    default void hiccuped(Pipe pipe) {}

    /** The pipe is gone: drop every reference to it. */
    void pipeTerminated(Pipe pipe);
}
