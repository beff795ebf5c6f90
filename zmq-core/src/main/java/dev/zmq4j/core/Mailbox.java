package dev.zmq4j.core;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A command queue with many writers and one reader, and the "asleep" flag that makes a writer wake the reader only
 * when the reader has declared that it is about to sleep. A burst of commands to a busy reader costs no wake-up at
 * all; a burst to a sleeping reader costs one.
 *
 * <p>The reader is one thread at a time: a socket's mailbox is read by the application thread using the socket,
 * later by the reaper; an I/O thread's by its loop. Who the reader is decides the {@link Wakeup}. A thread-safe
 * socket's mailbox is read by whichever thread holds the socket's lock: {@link #shareUnder} makes every command
 * signal a condition of that lock too, on which any number of threads wait with {@link #awaitUnder}.
 */
public final class Mailbox {
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean asleep = new AtomicBoolean();
    private final String name;
    private volatile Wakeup wakeup;
    private volatile Thread parkedReader;
    /** For a mailbox shared under a lock: the lock, and the condition its waiters wait on; null otherwise. */
    private volatile ReentrantLock sharedLock;

    private Condition arrived;
    /** Threads waiting in {@link #awaitUnder}; a command signals only when there are some. */
    private volatile int sharedWaiters;
    /** Pollers parked on a shared mailbox ({@link #watch}): every command unparks them; null unless shared. */
    private volatile Set<Thread> watchers;

    public Mailbox(String name) {
        this.name = name;
        this.wakeup = this::unparkReader;
    }

    /** Called from any thread. */
    public void send(Command command) {
        commands.offer(command);
        ReentrantLock lock = sharedLock;
        if (lock != null && sharedWaiters > 0) {
            // A waiter counted itself before it checked the queue: it saw this command, or it gets this signal.
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
        Set<Thread> parkedPollers = watchers;
        if (parkedPollers != null && !parkedPollers.isEmpty()) {
            for (Thread watcher : parkedPollers) {
                LockSupport.unpark(watcher);
            }
        }
        if (asleep.get() && asleep.compareAndSet(true, false)) {
            wakeup.wake();
        }
    }

    /**
     * A poller, on a mailbox shared under a lock: until {@link #unwatch}, every command unparks {@code thread}. The
     * poller checks {@link #hasCommands()} after this, so a command that came before is not missed.
     */
    public void watch(Thread thread) {
        watchers.add(thread);
    }

    public void unwatch(Thread thread) {
        watchers.remove(thread);
    }
    // (watchers stays set after unshare(): a poller still parked on a socket just closed gets its wake-ups.)

    /** Reader: the next command, or null. */
    public Command poll() {
        return commands.poll();
    }

    /**
     * Makes this mailbox readable by whichever thread holds {@code lock}, waiting in {@link #awaitUnder}; until
     * {@link #unshare()}. The default wakeup stays as it is, for a poller parked on the mailbox.
     */
    public void shareUnder(ReentrantLock lock) {
        this.watchers = ConcurrentHashMap.newKeySet();
        this.arrived = lock.newCondition();
        this.sharedLock = lock;
    }

    /** Back to one reader (the reaper takes the socket over). */
    public void unshare() {
        ReentrantLock lock = sharedLock;
        if (lock != null) {
            lock.lock();
            try {
                sharedLock = null;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A reader holding the lock of {@link #shareUnder}: waits for a command, releasing the lock meanwhile, so other
     * threads may use the socket (and wait too). Another thread may take the command: the caller then gets null and
     * looks again at what it waits for. Also returns (null) when {@link #wakeSharedWaiters} is called.
     *
     * @param timeoutNanos how long to wait at most; negative waits forever
     * @return a command, or null when none came (the time ran out, or another thread took it, or a wake-up)
     * @throws ZmqException EINTR when the thread is interrupted (its interrupt flag stays set)
     */
    public Command awaitUnder(long timeoutNanos) {
        Command command = commands.poll();
        if (command != null || timeoutNanos == 0) {
            return command;
        }
        sharedWaiters++;
        try {
            if (commands.isEmpty()) {
                if (timeoutNanos < 0) {
                    arrived.await();
                } else {
                    arrived.awaitNanos(timeoutNanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException(ErrorCode.EINTR, "interrupted while waiting on " + name);
        } finally {
            sharedWaiters--;
        }
        return commands.poll();
    }

    /** Wakes every thread in {@link #awaitUnder}; the caller holds the lock. */
    public void wakeSharedWaiters() {
        arrived.signalAll();
    }

    /**
     * Reader: declares the intention to sleep. Returns false (and stays awake) when a command is already waiting;
     * otherwise the next {@link #send} will wake the reader through the wakeup.
     */
    public boolean prepareToSleep() {
        asleep.set(true);
        if (!commands.isEmpty()) {
            asleep.set(false);
            return false;
        }
        return true;
    }

    /** Reader: back from sleep. */
    public void awake() {
        asleep.set(false);
    }

    /** Hands the mailbox to a reader that is woken differently (the I/O thread's selector, the reaper). */
    public void setWakeup(Wakeup wakeup) {
        this.wakeup = wakeup;
    }

    /**
     * Reader: waits for a command, parking the calling thread; the mailbox must use its default wakeup.
     *
     * @param timeoutNanos how long to wait; negative waits forever
     * @return the command, or null when the time ran out
     * @throws ZmqException EINTR when the thread is interrupted (its interrupt flag stays set)
     */
    public Command await(long timeoutNanos) {
        Command command = commands.poll();
        if (command != null || timeoutNanos == 0) {
            return command;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        parkedReader = Thread.currentThread();
        try {
            while (true) {
                if (prepareToSleep()) {
                    if (timeoutNanos < 0) {
                        LockSupport.park(this);
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            awake();
                            return commands.poll();
                        }
                        LockSupport.parkNanos(this, remaining);
                    }
                    awake();
                }
                command = commands.poll();
                if (command != null) {
                    return command;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new ZmqException(ErrorCode.EINTR, "interrupted while waiting on " + name);
                }
            }
        } finally {
            parkedReader = null;
        }
    }

    /**
     * Reader: like {@link #prepareToSleep()}, for a reader that parks itself outside {@link #await} because it
     * waits on several mailboxes at once (a poller). The next {@link #send} unparks the calling thread.
     */
    public boolean prepareToPark() {
        parkedReader = Thread.currentThread();
        if (!prepareToSleep()) {
            parkedReader = null;
            return false;
        }
        return true;
    }

    /** Reader: back from a park prepared with {@link #prepareToPark()}. */
    public void unparked() {
        awake();
        parkedReader = null;
    }

    /** Reader: whether a command is waiting, without taking it. */
    public boolean hasCommands() {
        return !commands.isEmpty();
    }

    private void unparkReader() {
        Thread reader = parkedReader;
        if (reader != null) {
            LockSupport.unpark(reader);
        }
    }

    @Override
    public String toString() {
        return "Mailbox[" + name + "]";
    }
}
