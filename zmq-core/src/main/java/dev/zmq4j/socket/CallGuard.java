package dev.zmq4j.socket;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Command;
import dev.zmq4j.core.Mailbox;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Who may be inside a socket's application calls, and how a call waits for the socket's commands. Two kinds, as in
 * libzmq:
 *
 * <ul>
 *   <li>{@link #singleThreaded}: the classic types. One thread at a time; a second thread's call fails with EINVAL
 *       instead of corrupting the socket, and costs one compare-and-set per call. A waiting call parks on the
 *       mailbox.
 *   <li>{@link #shared}: the draft types (CLIENT, SERVER, ...). Any number of threads; calls take turns on a lock, and
 *       a waiting call releases it (a condition of the lock, which every command signals), so a thread blocked in a
 *       receive never holds up another's send. {@link ReentrantLock} rather than {@code synchronized}, so a virtual
 *       thread waiting here does not pin its carrier.
 * </ul>
 *
 * <p>Thread-safe: used by every thread that calls the socket, and by the thread that closes it.
 */
abstract class CallGuard {
    /** The error of a call on a closed socket (ENOTSOCK, or ETERM once the context is closed). */
    private final Supplier<ZmqException> closedError;

    private CallGuard(Supplier<ZmqException> closedError) {
        this.closedError = closedError;
    }

    static CallGuard singleThreaded(String typeName, Supplier<ZmqException> closedError) {
        return new SingleThreaded(typeName, closedError);
    }

    static CallGuard shared(Mailbox mailbox, Supplier<ZmqException> closedError) {
        return new Shared(mailbox, closedError);
    }

    /** Enters an application call; fails when the socket is closed, or (single-threaded) in use by another thread. */
    abstract void enter();

    abstract void exit();

    /** Inside a call: waits up to {@code timeoutNanos} (negative: forever) for a command; null if none came. */
    abstract Command awaitCommand(Mailbox mailbox, long timeoutNanos);

    /** Inside a call, after waiting: fails when another thread closed the socket meanwhile. */
    abstract void checkOpen();

    /**
     * The application closes the socket: true when this call closed it (the caller hands it to the reaper), false
     * when it was closed already.
     */
    abstract boolean close();

    /** The context closes the socket: waits for calls in progress to return (they end with ETERM), then closes. */
    abstract boolean closeFromContext() throws InterruptedException;

    final ZmqException closedError() {
        return closedError.get();
    }

    /** One thread at a time, checked by a usage state: idle, in a call, closed. */
    private static final class SingleThreaded extends CallGuard {
        private static final int IDLE = 0;
        private static final int IN_CALL = 1;
        private static final int CLOSED = 2;

        private final AtomicInteger usage = new AtomicInteger(IDLE);
        private final String typeName;

        SingleThreaded(String typeName, Supplier<ZmqException> closedError) {
            super(closedError);
            this.typeName = typeName;
        }

        @Override
        void enter() {
            if (!usage.compareAndSet(IDLE, IN_CALL)) {
                if (usage.get() == CLOSED) {
                    throw closedError();
                }
                throw new ZmqException(
                        ErrorCode.EINVAL,
                        "this " + typeName + " socket is being used by two threads at once; sockets are not"
                                + " thread-safe");
            }
        }

        @Override
        void exit() {
            // Only the calling thread leaves IN_CALL (close and the context close only IDLE sockets): a release
            // store suffices.
            usage.lazySet(IDLE);
        }

        @Override
        Command awaitCommand(Mailbox mailbox, long timeoutNanos) {
            return mailbox.await(timeoutNanos);
        }

        @Override
        void checkOpen() {
            // Nobody else can have closed it: close() refuses a socket inside a call.
        }

        /**
         * Closing is a use of the socket like any other: while another thread is inside a call on it, close() fails
         * with EINVAL and changes nothing. Closing anyway would hand the mailbox to the reaper while that call still
         * reads it, and a call parked in the mailbox would never be woken again (the reaper takes the wake-ups). A
         * thread that must end another thread's blocked call closes the context, which waits for the call to return
         * with ETERM.
         */
        @Override
        boolean close() {
            while (!usage.compareAndSet(IDLE, CLOSED)) {
                int state = usage.get();
                if (state == CLOSED) {
                    return false;
                }
                if (state == IN_CALL) {
                    throw new ZmqException(
                            ErrorCode.EINVAL,
                            "cannot close this " + typeName + " socket while another thread is inside a call on it;"
                                    + " sockets are not thread-safe: close it on the thread that uses it, or close the"
                                    + " context to end that call with ETERM");
                }
                // IDLE again: the call ended between the two reads.
            }
            return true;
        }

        @Override
        boolean closeFromContext() throws InterruptedException {
            while (true) {
                int state = usage.get();
                if (state == CLOSED) {
                    return false;
                }
                if (state == IDLE && usage.compareAndSet(IDLE, CLOSED)) {
                    return true;
                }
                // A call is running; the stop command makes blocking calls return soon.
                Thread.sleep(1);
            }
        }
    }

    /** Any number of threads, taking turns on a lock that a waiting call releases. */
    private static final class Shared extends CallGuard {
        private final ReentrantLock lock = new ReentrantLock();
        /** Signalled when the last call leaves a closing socket. */
        private final Condition callsLeft = lock.newCondition();

        private final Mailbox mailbox;
        private int callsInside;
        private boolean closed;

        Shared(Mailbox mailbox, Supplier<ZmqException> closedError) {
            super(closedError);
            this.mailbox = mailbox;
            mailbox.shareUnder(lock);
        }

        @Override
        void enter() {
            lock.lock();
            if (closed) {
                lock.unlock();
                throw closedError();
            }
            callsInside++;
        }

        @Override
        void exit() {
            callsInside--;
            if (closed && callsInside == 0) {
                callsLeft.signalAll();
            }
            lock.unlock();
        }

        @Override
        Command awaitCommand(Mailbox mailbox, long timeoutNanos) {
            return mailbox.awaitUnder(timeoutNanos);
        }

        @Override
        void checkOpen() {
            if (closed) {
                throw new ZmqException(ErrorCode.ENOTSOCK, "the socket was closed by another thread during this call");
            }
        }

        /** Wakes the calls waiting inside, which fail with ENOTSOCK, and waits for them to leave. */
        @Override
        boolean close() {
            lock.lock();
            try {
                if (closed) {
                    return false;
                }
                closed = true;
                mailbox.wakeSharedWaiters();
                while (callsInside > 0) {
                    callsLeft.awaitUninterruptibly();
                }
                mailbox.unshare();
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        boolean closeFromContext() {
            // The context's stop command has woken the calls inside; they end with ETERM.
            return close();
        }
    }
}
