package dev.zmq4j;

import dev.zmq4j.core.Mailbox;
import dev.zmq4j.socket.SocketBase;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until one of several sockets can receive or send, as libzmq's {@code zmq_poll} does.
 *
 * <pre>{@code
 * try (Poller poller = context.poller()) {
 *     int requests = poller.register(frontend, Poller.POLLIN);
 *     int replies = poller.register(backend, Poller.POLLIN);
 *     while (poller.poll(1000) >= 0) {
 *         if (poller.isReadable(requests)) { ... frontend.recv() ... }
 *         if (poller.isReadable(replies)) { ... backend.recv() ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Nothing spins: a socket changes state only through a command in its mailbox (a pipe has data or room again,
 * a peer attached), so the poller checks the sockets, and when none is ready parks its thread after telling every
 * mailbox to unpark it on the next command. An idle poller costs no CPU.
 *
 * <p>Not thread-safe, but for {@link #wakeup()}: use it from the thread that uses its sockets. Register an item index
 * once and keep it: {@link #unregister} leaves a hole that a later {@link #register} may fill, and never moves other
 * items.
 */
public final class Poller implements AutoCloseable {
    /** Readiness to receive: a receive would not block. libzmq's ZMQ_POLLIN. */
    public static final int POLLIN = SocketBase.POLLIN;
    /** Readiness to send: a send would not block. libzmq's ZMQ_POLLOUT. */
    public static final int POLLOUT = SocketBase.POLLOUT;

    private Socket[] sockets = new Socket[8];
    private int[] interests = new int[8];
    private int[] ready = new int[8];
    private int size;
    private boolean closed;
    /** Set by {@link #wakeup()}, taken by the poll it ends. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** The thread inside {@link #poll}, for {@link #wakeup()} to unpark; null outside it. */
    private volatile Thread pollingThread;

    Poller() {}

    /**
     * Adds a socket, or changes the events it is polled for when it is registered already.
     *
     * @param events {@link #POLLIN}, {@link #POLLOUT}, both, or 0 (registered, never reported ready)
     * @return the index under which its readiness is reported
     */
    public int register(Socket socket, int events) {
        checkOpen();
        if (socket == null) {
            throw new ZmqException(ErrorCode.EINVAL, "cannot poll a null socket");
        }
        if ((events & ~(POLLIN | POLLOUT)) != 0) {
            throw new ZmqException(
                    ErrorCode.EINVAL, "poll events must be POLLIN (1), POLLOUT (2), both or none, not " + events);
        }
        int index = indexOf(socket);
        if (index < 0) {
            index = indexOf(null);
        }
        if (index < 0) {
            index = size++;
            if (index == sockets.length) {
                sockets = Arrays.copyOf(sockets, index * 2);
                interests = Arrays.copyOf(interests, index * 2);
                ready = Arrays.copyOf(ready, index * 2);
            }
        }
        sockets[index] = socket;
        interests[index] = events;
        ready[index] = 0;
        return index;
    }

    /** Removes a socket; its index may be given to a socket registered later. */
    public void unregister(Socket socket) {
        checkOpen();
        int index = indexOf(socket);
        if (index < 0) {
            throw new ZmqException(ErrorCode.EINVAL, socket + " is not registered with this poller");
        }
        sockets[index] = null;
        interests[index] = 0;
        ready[index] = 0;
    }

    /**
     * Waits until at least one registered socket is ready for what it was registered for, or the time runs out.
     *
     * @param timeoutMillis how long to wait: 0 checks and returns at once, -1 waits without limit
     * @return how many sockets are ready (0 when the time ran out)
     * @throws ZmqException ETERM when a socket's context is closed, ENOTSOCK when a socket is closed, EINTR when
     *         the thread is interrupted (its interrupt flag stays set)
     */
    public int poll(long timeoutMillis) {
        checkOpen();
        if (timeoutMillis < -1) {
            throw new ZmqException(
                    ErrorCode.EINVAL, "poll timeout must be -1 (no limit) or at least 0 ms, not " + timeoutMillis);
        }
        if (timeoutMillis < 0 && registeredCount() == 0) {
            throw new ZmqException(ErrorCode.EINVAL, "polling no socket without a timeout would wait forever");
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        // Published before the pending flag is read, so a wakeup() either sees this thread or leaves the flag seen.
        pollingThread = Thread.currentThread();
        try {
            while (true) {
                int count = collectReadiness();
                // Taken on every return, so a wake-up ends one poll, not the next one too.
                boolean woken = wakeupPending.getAndSet(false);
                if (count > 0 || timeoutMillis == 0 || woken) {
                    return count;
                }
                long waitNanos = -1;
                if (timeoutMillis > 0) {
                    waitNanos = deadline - System.nanoTime();
                    if (waitNanos <= 0) {
                        return 0;
                    }
                }
                parkUntilCommand(waitNanos);
                if (Thread.currentThread().isInterrupted()) {
                    throw new ZmqException(ErrorCode.EINTR, "interrupted while polling");
                }
            }
        } finally {
            pollingThread = null;
        }
    }

    /**
     * Makes the {@link #poll} in progress return at once, or the next one if none is in progress; from any thread.
     * That poll returns how many sockets are ready, possibly 0: the caller keeps its own record of why it woke it
     * (a stop request, a reply to send), as with {@link java.nio.channels.Selector#wakeup()}. Several wake-ups before
     * a poll count as one.
     */
    public void wakeup() {
        wakeupPending.set(true);
        Thread polling = pollingThread;
        if (polling != null) {
            LockSupport.unpark(polling);
        }
    }

    public boolean isReadable(int index) {
        return (readyEvents(index) & POLLIN) != 0;
    }

    public boolean isWritable(int index) {
        return (readyEvents(index) & POLLOUT) != 0;
    }

    /** What the last {@link #poll} found the socket at this index ready for: {@link #POLLIN}/{@link #POLLOUT} bits. */
    public int readyEvents(int index) {
        if (index < 0 || index >= size) {
            throw new ZmqException(ErrorCode.EINVAL, "no poll item has index " + index);
        }
        return ready[index];
    }

    /** Forgets every socket (the sockets stay open). Idempotent. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(sockets, null);
        size = 0;
    }

    private int collectReadiness() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            Socket socket = sockets[i];
            if (socket == null) {
                continue;
            }
            ready[i] = socket.pollEvents() & interests[i];
            if (ready[i] != 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Parks until a command reaches one of the sockets' mailboxes. A mailbox that already holds a command refuses
     * to let us sleep; those prepared before it are released again.
     *
     * <p>The sockets stay entered (in a call) from before the first mailbox is prepared until the last one is
     * released. Otherwise a context closing meanwhile, or a {@code close()} from another thread, could hand a
     * socket's mailbox to the reaper, and our late release of its sleep flag would swallow the wake-up the reaper
     * relies on. Closing the context waits for a call to end, and the STOP command it sends first is what wakes us;
     * closing the socket from another thread fails with EINVAL while we are parked.
     *
     * <p>A thread-safe socket is not entered: that would hold its lock, and every other thread's call, for the whole
     * park. The poller watches its mailbox instead, which unparks it on every command, whoever takes the command;
     * it never touches that mailbox's sleep flag, so a reaper that takes a closed socket over loses no wake-up.
     */
    private void parkUntilCommand(long timeoutNanos) {
        int entered = 0;
        Thread self = Thread.currentThread();
        try {
            for (; entered < size; entered++) {
                if (sockets[entered] != null && !sockets[entered].base().isThreadSafe()) {
                    sockets[entered].base().enter();
                }
            }
            int prepared = 0;
            boolean sleep = true;
            for (int i = 0; i < size && sleep; i++) {
                if (sockets[i] == null) {
                    continue;
                }
                if (sockets[i].base().isThreadSafe()) {
                    mailboxOf(i).watch(self);
                    prepared = i + 1;
                    sleep = !mailboxOf(i).hasCommands();
                } else if (mailboxOf(i).prepareToPark()) {
                    prepared = i + 1;
                } else {
                    sleep = false;
                }
            }
            if (sleep) {
                if (timeoutNanos < 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, timeoutNanos);
                }
            }
            for (int i = 0; i < prepared; i++) {
                if (sockets[i] == null) {
                    continue;
                }
                if (sockets[i].base().isThreadSafe()) {
                    mailboxOf(i).unwatch(self);
                } else {
                    mailboxOf(i).unparked();
                }
            }
        } finally {
            for (int i = 0; i < entered; i++) {
                if (sockets[i] != null && !sockets[i].base().isThreadSafe()) {
                    sockets[i].base().exit();
                }
            }
        }
    }

    private Mailbox mailboxOf(int index) {
        return sockets[index].base().mailbox();
    }

    private int indexOf(Socket socket) {
        for (int i = 0; i < size; i++) {
            if (sockets[i] == socket) {
                return i;
            }
        }
        return -1;
    }

    private int registeredCount() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (sockets[i] != null) {
                count++;
            }
        }
        return count;
    }

    private void checkOpen() {
        if (closed) {
            throw new ZmqException(ErrorCode.EINVAL, "this poller is closed");
        }
    }
}
