package dev.zmq4j.core;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Reapable;
import dev.zmq4j.io.Reaper;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.socket.SocketBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a context the engine sees: its threads, its open sockets and the registry of {@code inproc://}
 * endpoints. Thread-safe; the registry and socket set are guarded by this object's monitor (never on a message
 * path).
 */
public final class ContextCore {
    private static final System.Logger LOG = System.getLogger(ContextCore.class.getName());

    private final List<IoThread> ioThreads = new ArrayList<>();
    private final Reaper reaper;
    private final Set<SocketBase> sockets = new LinkedHashSet<>();
    private final Map<String, SocketBase> inprocEndpoints = new HashMap<>();
    private final Map<String, List<PendingInprocConnection>> pendingConnections = new HashMap<>();
    private boolean terminating;
    private boolean terminated;
    /** Why the context cannot serve connections any more (an I/O thread died), or null while it can. */
    private volatile String failure;
    /**
     * Whether a command handler on an I/O thread has thrown: the own tree may have lost an acknowledgement, so
     * closing waits for the sockets only for a bounded time.
     */
    private boolean commandsFailed;

    /** How long closing still waits for the sockets once a failure means some may never finish. */
    static final long FAILED_CLOSE_GRACE_MILLIS = 2_000;

    /** An inproc connect made before the bind: the binder's pipe end waits here. */
    public record PendingInprocConnection(SocketBase connecter, Pipe binderEnd, Pipe connecterEnd) {}

    public ContextCore(int ioThreadCount) {
        Command.preload();
        // The first log record formats a time stamp, which loads the JDK's time-zone data from a file. Done now,
        // while a descriptor is sure to be free: the first record may well be the warning that they ran out, and
        // failing to load that data is an Error no I/O thread survives.
        java.time.ZoneId.systemDefault().getRules();
        for (int i = 0; i < ioThreadCount; i++) {
            ioThreads.add(new IoThread(this, "zmq4j-io-" + (i + 1)));
        }
        reaper = new Reaper(this);
        ioThreads.forEach(IoThread::start);
        reaper.start();
    }

    /**
     * Waits until every socket is reaped; without a failure as long as lingering takes. Returns the deadline
     * (System.nanoTime) that bounds the rest of closing once a failure made it bounded, or 0 for none.
     */
    private synchronized long awaitSocketsReaped() throws InterruptedException {
        long deadline = 0;
        while (!sockets.isEmpty()) {
            if (deadline == 0 && (failure != null || commandsFailed)) {
                deadline = System.nanoTime() + FAILED_CLOSE_GRACE_MILLIS * 1_000_000L;
            }
            if (deadline == 0) {
                // Woken by each reaped socket and by a failure.
                wait();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "closing the context without waiting for " + sockets.size() + " socket(s) that cannot finish: "
                                + closedReason());
                return deadline;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return deadline;
    }

    /** Milliseconds to join for: 0 (forever) without a deadline, else what is left of it, at least 1. */
    private static long remainingMillis(long deadline) {
        return deadline == 0 ? 0 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
    }

    public Reaper reaper() {
        return reaper;
    }

    /**
     * An I/O thread has died of something it could not survive: its connections are gone and acknowledgements it
     * owed will never come. Blocked calls on every socket fail with ETERM, as when the context closes, and so do new
     * calls, with the reason; {@link #terminate()} then finishes within a bounded time.
     */
    public void ioThreadDied(String threadName, Throwable cause) {
        List<SocketBase> open;
        synchronized (this) {
            if (failure == null) {
                failure = "the context failed: its I/O thread " + threadName + " died of " + cause
                        + "; close the context and create a new one";
            }
            open = new ArrayList<>(sockets);
            notifyAll();
        }
        for (SocketBase socket : open) {
            socket.mailbox().send(new Command.Stop(socket));
        }
    }

    /** A command handler on an I/O thread threw; the thread goes on, but closing must not wait for it forever. */
    public synchronized void commandFailed() {
        commandsFailed = true;
        notifyAll();
    }

    /** Why the context failed (naming the thread and its cause), or null while it has not. */
    public String failure() {
        return failure;
    }

    /** Why the sockets of this context refuse calls: closed, or failed. */
    public String closedReason() {
        String reason = failure;
        return reason != null ? reason : "the context is closed";
    }

    /** @throws ZmqException ETERM when an I/O thread has died */
    public void checkNotFailed() {
        String reason = failure;
        if (reason != null) {
            throw new ZmqException(ErrorCode.ETERM, reason);
        }
    }

    /** The I/O thread serving the fewest channels. */
    public IoThread chooseIoThread() {
        checkNotFailed();
        if (ioThreads.isEmpty()) {
            throw new ZmqException(
                    ErrorCode.EINVAL, "the context has no I/O threads; create it with at least one " + "to use tcp");
        }
        IoThread best = ioThreads.get(0);
        for (IoThread thread : ioThreads) {
            if (thread.load() < best.load()) {
                best = thread;
            }
        }
        return best;
    }

    public synchronized void addSocket(SocketBase socket) {
        if (terminating || failure != null) {
            throw new ZmqException(ErrorCode.ETERM, closedReason());
        }
        sockets.add(socket);
    }

    public synchronized boolean isTerminating() {
        return terminating;
    }

    /** Called by the reaper when a closed socket is gone. */
    public synchronized void socketReaped(Reapable socket) {
        sockets.remove(socket);
        notifyAll();
    }

    /** Registers an inproc endpoint; returns the connections that were waiting for it. */
    public synchronized List<PendingInprocConnection> bindInproc(String name, SocketBase socket) {
        if (inprocEndpoints.containsKey(name)) {
            throw new ZmqException(ErrorCode.EADDRINUSE, "inproc://" + name + " is already bound");
        }
        inprocEndpoints.put(name, socket);
        List<PendingInprocConnection> pending = pendingConnections.remove(name);
        return pending == null ? List.of() : pending;
    }

    public synchronized boolean unbindInproc(String name, SocketBase socket) {
        return inprocEndpoints.remove(name, socket);
    }

    public synchronized void unbindAllInproc(SocketBase socket) {
        inprocEndpoints.values().removeIf(bound -> bound == socket);
        pendingConnections.values().forEach(list -> list.removeIf(p -> p.connecter() == socket));
    }

    /**
     * Finds the socket bound to an inproc endpoint; when there is none, records the connection so the binder
     * picks it up, and returns null.
     */
    public synchronized SocketBase findInprocOrWait(String name, PendingInprocConnection pending) {
        SocketBase bound = inprocEndpoints.get(name);
        if (bound == null) {
            pendingConnections.computeIfAbsent(name, n -> new ArrayList<>()).add(pending);
        }
        return bound;
    }

    /**
     * Finds the socket bound to an inproc endpoint and counts the bind command about to be sent to it, in one step
     * under the lock, so that the socket cannot finish closing before that command arrives (libzmq's
     * find_endpoint). Null when nothing is bound.
     */
    public synchronized SocketBase findInprocForBind(String name) {
        SocketBase bound = inprocEndpoints.get(name);
        if (bound != null) {
            bound.incrementSequence();
        }
        return bound;
    }

    public synchronized SocketBase findInproc(String name) {
        return inprocEndpoints.get(name);
    }

    /**
     * Closes the context: tells every socket that it is closing (blocked calls fail with ETERM), closes the
     * sockets still open, waits for them to finish lingering, then stops and joins every thread. After a failure
     * ({@link #ioThreadDied}, {@link #commandFailed}) some socket may never finish: then it waits at most
     * {@link #FAILED_CLOSE_GRACE_MILLIS} for them and for each thread, and abandons what is left (the threads are
     * daemons), with a warning.
     */
    public void terminate() throws InterruptedException {
        List<SocketBase> open;
        synchronized (this) {
            if (terminated) {
                return;
            }
            terminating = true;
            open = new ArrayList<>(sockets);
        }
        for (SocketBase socket : open) {
            socket.mailbox().send(new Command.Stop(socket));
        }
        for (SocketBase socket : open) {
            socket.closeFromContext();
        }
        long deadline = awaitSocketsReaped();
        reaper.mailbox().send(new Command.Stop(reaper));
        reaper.join(remainingMillis(deadline));
        for (IoThread thread : ioThreads) {
            thread.mailbox().send(new Command.Stop(thread));
        }
        for (IoThread thread : ioThreads) {
            thread.join(remainingMillis(deadline));
        }
        if (deadline != 0 && (reaper.isAlive() || ioThreads.stream().anyMatch(IoThread::isAlive))) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "closed the context without some of its threads finishing: " + closedReason());
        }
        synchronized (this) {
            terminated = true;
        }
    }
}
