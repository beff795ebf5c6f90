package dev.zmq4j.io;

import dev.zmq4j.core.Mailbox;
import dev.zmq4j.core.Wakeup;

/**
 * What the {@link Reaper} needs of a socket the application has closed: its mailbox, a way to move its wake-ups
 * to the reaper, and a step that processes its commands until it is destroyed. The socket layer implements it; the
 * reaper knows nothing else of sockets.
 *
 * <p>Every method is called on the reaper thread, once the socket has been handed over.
 */
public interface Reapable {
    /** The mailbox whose commands the reaper now processes. */
    Mailbox mailbox();

    /** The reaper adopts the socket: from now on {@code wakeup} wakes the reaper, and termination starts. */
    void startReaping(Wakeup wakeup);

    /** Processes the commands that arrived, stopping once the socket is destroyed. */
    void processCommandsWhileReaping();

    /** Whether the socket has finished terminating (every child and pipe acknowledged). */
    boolean isDestroyed();
}
