package dev.zmq4j.io;

/** Receives the readiness events of a channel registered with an {@link IoThread}; called on that thread. */
public interface IoHandler extends TimerHandler {
    /** The channel is readable, or a server channel has a connection to accept. */
    void inEvent();

    /** The channel is writable. */
    void outEvent();

    /** A non-blocking connect has completed (successfully or not). */
    default void connectEvent() {
        outEvent();
    }

    /**
     * {@inheritDoc} Every handler of a channel must decide: an engine closes its connection, a connecter its
     * attempt, a listener keeps listening.
     */
    @Override
    void handlerFailed(Throwable failure);
}
