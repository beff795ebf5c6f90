package dev.zmq4j.core;

import dev.zmq4j.engine.Engine;
import dev.zmq4j.pipe.Pipe;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of the ownership tree that makes shutdown race-free (libzmq's own_t). Sockets own listeners and
 * sessions, sessions own connecters, listeners own the sessions they accept.
 *
 * <p>An object is destroyed only when three things hold: it is terminating, every child has acknowledged its own
 * termination, and it has processed every command that other threads sent it while creating it (the "sent" and
 * "processed" sequence numbers match). The last rule keeps a plug or attach that is still in flight from reaching
 * a destroyed object.
 *
 * <p>Called only on the object's thread, except {@link #incrementSequence()}, which senders call.
 */
public abstract class Own extends CommandTarget {
    protected final Options options;
    private Own owner;
    private final Set<Own> children = new LinkedHashSet<>();
    private boolean terminating;
    private final AtomicLong sentSequence = new AtomicLong();
    private long processedSequence;
    private int pendingTermAcks;
    private boolean destroyed;

    /** A root of the tree (a socket) with its own mailbox. */
    protected Own(ContextCore context, Mailbox mailbox, Options options) {
        super(context, mailbox);
        this.options = options;
    }

    /** An object living on the given thread. */
    protected Own(CommandTarget threadOf, Options options) {
        super(threadOf);
        this.options = options;
    }

    public final Options options() {
        return options;
    }

    /** Called by the thread that sends this object a plug, own, attach or bind command. */
    public final void incrementSequence() {
        sentSequence.incrementAndGet();
    }

    @Override
    protected final void processSeqnum() {
        processedSequence++;
        checkTermAcks();
    }

    protected final boolean isTerminating() {
        return terminating;
    }

    /** Makes {@code child} ours and starts it on its own thread. */
    protected final void launchChild(Own child) {
        child.owner = this;
        // Adopt before plugging: a child that terminates as soon as it is plugged must find itself adopted.
        incrementSequence();
        send(new Command.Adopt(this, child));
        child.incrementSequence();
        send(new Command.Plug(child));
    }

    /** Hands a connected engine to a session on its thread. */
    protected final void sendAttach(Own session, Engine engine) {
        session.incrementSequence();
        send(new Command.Attach(session, engine));
    }

    /** Hands a pipe end to a socket on its thread. */
    protected final void sendBind(Own socket, Pipe pipe) {
        socket.incrementSequence();
        send(new Command.Bind(socket, pipe));
    }

    /** Hands a pipe end to a socket whose sequence was counted when it was found ({@code findInprocForBind}). */
    protected final void sendCountedBind(Own socket, Pipe pipe) {
        send(new Command.Bind(socket, pipe));
    }

    /** Asks for {@code child} to be terminated; it is removed from the tree once it acknowledged. */
    protected final void termChild(Own child) {
        processTermReq(child);
    }

    @Override
    protected final void processOwn(Own child) {
        if (terminating) {
            // The child arrived after we started terminating: terminate it at once.
            registerTermAcks(1);
            send(new Command.Term(child, 0));
            return;
        }
        children.add(child);
    }

    @Override
    protected final void processTermReq(Own child) {
        if (terminating) {
            return;
        }
        if (!children.remove(child)) {
            return;
        }
        registerTermAcks(1);
        send(new Command.Term(child, options.linger));
    }

    /** Starts this object's termination: asks the owner, or terminates directly when it is a root. */
    protected void terminate() {
        if (terminating) {
            return;
        }
        if (owner == null) {
            processTerm(options.linger);
            return;
        }
        send(new Command.TermReq(owner, this));
    }

    @Override
    protected void processTerm(int linger) {
        if (terminating) {
            return;
        }
        for (Own child : children) {
            send(new Command.Term(child, linger));
        }
        registerTermAcks(children.size());
        children.clear();
        terminating = true;
        checkTermAcks();
    }

    protected final void registerTermAcks(int count) {
        pendingTermAcks += count;
    }

    protected final void unregisterTermAck() {
        pendingTermAcks--;
        checkTermAcks();
    }

    @Override
    protected final void processTermAck() {
        unregisterTermAck();
    }

    private void checkTermAcks() {
        if (terminating && !destroyed && processedSequence == sentSequence.get() && pendingTermAcks == 0) {
            destroyed = true;
            if (owner != null) {
                send(new Command.TermAck(owner));
            }
            processDestroy();
        }
    }

    /** The object is fully terminated: release what it holds. Called once. */
    protected abstract void processDestroy();
}
