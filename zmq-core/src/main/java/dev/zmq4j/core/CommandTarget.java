package dev.zmq4j.core;

import dev.zmq4j.engine.Engine;
import dev.zmq4j.io.Reapable;
import dev.zmq4j.pipe.Pipe;

/**
 * An object that lives on one thread and receives {@link Command commands} through that thread's mailbox (libzmq's
 * object_t). Handlers are called only on the owning thread; a handler for a command the object does not expect is
 * a bug in the engine, so the defaults fail loudly.
 */
public abstract class CommandTarget {
    private final ContextCore context;
    private volatile Mailbox mailbox;

    protected CommandTarget(ContextCore context, Mailbox mailbox) {
        this.context = context;
        this.mailbox = mailbox;
    }

    /** An object living on the same thread as {@code parent}. */
    protected CommandTarget(CommandTarget parent) {
        this(parent.context, parent.mailbox);
    }

    public final ContextCore context() {
        return context;
    }

    /** The mailbox of the thread this object lives on. */
    public final Mailbox mailbox() {
        return mailbox;
    }

    /** Moves this object to {@code owner}'s thread; only before anyone else can reach it (pending inproc pipes). */
    protected final void moveTo(CommandTarget owner) {
        this.mailbox = owner.mailbox;
    }

    protected final void send(Command command) {
        command.destination().mailbox().send(command);
    }

    /**
     * Handling a command sent to this object threw what its thread survives (a bug, an OutOfMemoryError); the
     * thread has logged it. Give up what the command concerned (a connection); the default does nothing more.
     */
    public void commandFailed(Throwable failure) {}

    protected void processStop() {
        throw unexpected("stop");
    }

    protected void processPlug() {
        throw unexpected("plug");
    }

    protected void processOwn(Own child) {
        throw unexpected("own");
    }

    protected void processAttach(Engine engine) {
        throw unexpected("attach");
    }

    protected void processBind(Pipe pipe) {
        throw unexpected("bind");
    }

    protected void processTermReq(Own child) {
        throw unexpected("term_req");
    }

    protected void processTerm(int linger) {
        throw unexpected("term");
    }

    protected void processTermAck() {
        throw unexpected("term_ack");
    }

    protected void processReap(Reapable socket) {
        throw unexpected("reap");
    }

    protected void processSeqnum() {
        throw unexpected("seqnum");
    }

    private IllegalStateException unexpected(String command) {
        return new IllegalStateException(getClass().getSimpleName() + " does not handle the " + command + " command");
    }
}
