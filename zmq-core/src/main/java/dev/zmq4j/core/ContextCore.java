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
    private final List<IoThread> ioThreads = new ArrayList<>();
    private final Reaper reaper;
    private final Set<SocketBase> sockets = new LinkedHashSet<>();
    private final Map<String, SocketBase> inprocEndpoints = new HashMap<>();
    private final Map<String, List<PendingInprocConnection>> pendingConnections = new HashMap<>();
    private boolean terminating;
    private boolean terminated;

    /** An inproc connect made before the bind: the binder's pipe end waits here. */
    public record PendingInprocConnection(SocketBase connecter, Pipe binderEnd, Pipe connecterEnd) {}

    public ContextCore(int ioThreadCount) {
        for (int i = 0; i < ioThreadCount; i++) {
            ioThreads.add(new IoThread(this, "zmq4j-io-" + (i + 1)));
        }
        reaper = new Reaper(this);
        ioThreads.forEach(IoThread::start);
        reaper.start();
    }

    public Reaper reaper() {
        return reaper;
    }

    /** The I/O thread serving the fewest channels. */
    public IoThread chooseIoThread() {
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
        if (terminating) {
            throw new ZmqException(ErrorCode.ETERM, "the context is closed");
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
     * sockets still open, waits for them to finish lingering, then stops and joins every thread.
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
        synchronized (this) {
            while (!sockets.isEmpty()) {
                wait();
            }
        }
        reaper.mailbox().send(new Command.Stop(reaper));
        reaper.join();
        for (IoThread thread : ioThreads) {
            thread.mailbox().send(new Command.Stop(thread));
        }
        for (IoThread thread : ioThreads) {
            thread.join();
        }
        synchronized (this) {
            terminated = true;
        }
    }
}
