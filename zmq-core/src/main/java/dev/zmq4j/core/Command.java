package dev.zmq4j.core;

import dev.zmq4j.engine.Engine;
import dev.zmq4j.io.Reapable;
import dev.zmq4j.pipe.Pipe;

/**
 * The commands objects in different threads send each other through {@link Mailbox mailboxes}; the only way one
 * thread affects an object owned by another. Each command names its destination and knows which handler of the
 * destination to call, so the receiving thread dispatches without casts.
 */
public sealed interface Command {
    CommandTarget destination();

    /** Runs the destination's handler; called on the destination's thread. */
    void dispatch();

    /**
     * Loads every command class now. Loaded lazily, the first Stop or TermReq would need a file descriptor when the
     * classes come from a directory (an exploded build, {@code spring-boot:run}), and a process out of descriptors
     * would then fail with NoClassDefFoundError on exactly the paths that shut connections down.
     */
    static void preload() {
        Command.class.getPermittedSubclasses();
    }

    /** Stop a thread's loop, or tell a socket that its context is closing. */
    record Stop(CommandTarget destination) implements Command {
        public void dispatch() {
            destination.processStop();
        }
    }

    /** Start an object's I/O in its thread (register channels, timers). */
    record Plug(Own destination) implements Command {
        public void dispatch() {
            destination.processPlug();
            destination.processSeqnum();
        }
    }

    /** Make {@code child} a child (libzmq's own command) of the destination in the own tree. */
    record Adopt(Own destination, Own child) implements Command {
        public void dispatch() {
            destination.processOwn(child);
            destination.processSeqnum();
        }
    }

    /** Hand a connected engine to a session. */
    record Attach(Own destination, Engine engine) implements Command {
        public void dispatch() {
            destination.processAttach(engine);
            destination.processSeqnum();
        }
    }

    /** Hand one end of a new pipe to a socket (a session's pipe, or an inproc peer's). */
    record Bind(Own destination, Pipe pipe) implements Command {
        public void dispatch() {
            destination.processBind(pipe);
            destination.processSeqnum();
        }
    }

    /** The writer flushed messages into a pipe whose reader was asleep. */
    record ActivateRead(Pipe destination) implements Command {
        public void dispatch() {
            destination.processActivateRead();
        }
    }

    /** The reader consumed messages: the writer may resume if it stopped at the high-water mark. */
    record ActivateWrite(Pipe destination, long messagesRead) implements Command {
        public void dispatch() {
            destination.processActivateWrite(messagesRead);
        }
    }

    /** The peer's end of a pipe serves a new connection (reconnected): resend what the connection must know. */
    record Hiccup(Pipe destination) implements Command {
        public void dispatch() {
            destination.processHiccup();
        }
    }

    /** The peer asks to terminate the pipe. */
    record PipeTerm(Pipe destination) implements Command {
        public void dispatch() {
            destination.processPipeTerm();
        }
    }

    /** The peer acknowledges the pipe's termination. */
    record PipeTermAck(Pipe destination) implements Command {
        public void dispatch() {
            destination.processPipeTermAck();
        }
    }

    /** A child asks its owner to terminate it. */
    record TermReq(Own destination, Own child) implements Command {
        public void dispatch() {
            destination.processTermReq(child);
        }
    }

    /** The owner tells an object to terminate, keeping unsent messages for {@code linger} ms. */
    record Term(Own destination, int linger) implements Command {
        public void dispatch() {
            destination.processTerm(linger);
        }
    }

    /** A child reports that it has terminated. */
    record TermAck(Own destination) implements Command {
        public void dispatch() {
            destination.processTermAck();
        }
    }

    /** Asks the reaper to finish closing a socket the application has closed. */
    record Reap(CommandTarget destination, Reapable socket) implements Command {
        public void dispatch() {
            destination.processReap(socket);
        }
    }
}
