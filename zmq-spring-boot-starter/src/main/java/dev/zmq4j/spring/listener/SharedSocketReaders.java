package dev.zmq4j.spring.listener;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.ZmqException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The reader threads of one run of a {@link SharedSocketListenerContainer}, all on one thread-safe socket.
 *
 * <p><b>Waking.</b> A receive on a thread-safe socket gives the socket's lock up while it waits, so the readers wait
 * in a plain blocking receive, which a message ends for one of them. A {@code Poller} is no use here: one parked on a
 * thread-safe socket keeps that socket's lock, so every other thread's send would wait for the poll to end. A stop or
 * a pause therefore interrupts the readers that are inside their receive, and only those: a reader joins
 * {@code receiving} under {@link #lock} just before it receives, and leaves it, its interrupt cleared, under the same
 * lock just after, so an interrupt never reaches a handler. The engine answers an interrupt with EINTR before it takes
 * a message, so none is lost.
 *
 * <p><b>Pause.</b> A reader that sees the pause waits on {@link #changed} before its next receive; once all are
 * waiting the container is paused (event, health), and the first one to read again reports the resume. Handlers in
 * progress finish, and their replies are sent.
 *
 * <p><b>Stop.</b> Within the shutdown timeout from the moment the stop is seen: each reader leaves its receive and,
 * unless paused, handles what the socket already holds, until it is empty; the container thread waits for the readers
 * and for the futures listeners returned (their replies are sent by the threads that complete them), then closes.
 *
 * <p>Thread rule: the counters and sets below are touched under {@link #lock} only; {@link #wake} from any thread.
 */
final class SharedSocketReaders {
    private static final Log LOG = LogFactory.getLog(SharedSocketReaders.class);

    private final SharedSocketListenerContainer container;
    private final Socket socket;
    private final int count;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on a wake-up (stop, pause, resume), when a reader ends and when a future's reply has gone. */
    private final Condition changed = lock.newCondition();
    /** Readers inside their blocking receive: the only threads {@link #wake} interrupts. */
    private final Set<Thread> receiving = new HashSet<>();

    private int running;
    private int paused;
    private int futuresPending;
    /** {@code System.nanoTime()} by which the stop must be done; 0 until a thread has seen the stop. */
    private long stopDeadline;

    SharedSocketReaders(SharedSocketListenerContainer container, Socket socket, int count) {
        this.container = container;
        this.socket = socket;
        this.count = count;
    }

    /** Container thread: starts the readers, named {@code namePrefix + index}. */
    void start(String namePrefix) {
        lock.lock();
        try {
            running = count;
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < count; i++) {
            Thread reader = new Thread(this::read, namePrefix + i);
            reader.start();
        }
    }

    /** Any thread: a stop, pause or resume was requested; readers in their receive look at it now. */
    void wake() {
        lock.lock();
        try {
            receiving.forEach(Thread::interrupt);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Container thread: returns once stopped, when every reader has ended and every future's reply is sent, or the
     * shutdown timeout from the stop has run out (logged); or at once if the readers all ended (a closed context).
     */
    void awaitFinished() {
        lock.lock();
        try {
            while (!container.readerStopRequested() && running > 0) {
                changed.awaitUninterruptibly();
            }
            long deadline = stopDeadline();
            long left;
            while ((running > 0 || futuresPending > 0) && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
            if (running > 0 || futuresPending > 0) {
                LOG.warn("zmq listener '" + container.listenerId() + "' stopped with " + running
                        + " handlers still running and " + futuresPending + " listener futures not complete after "
                        + container.shutdownTimeout() + "; their replies are not sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the stop's deadline, set by the first thread that sees the stop. */
    private long stopDeadline() {
        if (stopDeadline == 0) {
            stopDeadline =
                    System.nanoTime() + Math.max(1, container.shutdownTimeout().toNanos());
            changed.signalAll();
        }
        return stopDeadline;
    }

    /** A reader thread's body. */
    private void read() {
        try {
            while (enterReceive()) {
                Message received = receive();
                if (received != null) {
                    handle(received);
                }
            }
            handleQueued();
        } catch (ZmqException e) {
            if (!closed(e)) {
                LOG.error("zmq listener '" + container.listenerId() + "' reader failed", e);
            }
        } finally {
            lock.lock();
            try {
                running--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits while paused; false when stopped, otherwise the thread becomes interruptible and may receive. */
    private boolean enterReceive() {
        lock.lock();
        try {
            boolean waited = false;
            while (container.readerPauseRequested() && !container.readerStopRequested()) {
                paused++;
                waited = true;
                container.readersPaused(paused == running);
                changed.awaitUninterruptibly();
                paused--;
            }
            if (container.readerStopRequested()) {
                stopDeadline();
                return false;
            }
            if (waited) {
                container.readersPaused(false);
            }
            receiving.add(Thread.currentThread());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next message, or null when woken (EINTR) or after a failure that is logged. */
    private Message receive() {
        try {
            return socket.recvMessage();
        } catch (ZmqException e) {
            if (e.code() == ErrorCode.EINTR) {
                return null;
            }
            if (closed(e)) {
                throw e;
            }
            LOG.warn("zmq listener '" + container.listenerId() + "' failed to receive", e);
            return null;
        } finally {
            lock.lock();
            try {
                receiving.remove(Thread.currentThread());
                // An interrupt meant for the receive must not reach the handler.
                Thread.interrupted();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stopping: what the socket holds already is handled too, unless paused, within the shutdown timeout. */
    private void handleQueued() {
        if (container.readerPauseRequested()) {
            return;
        }
        long deadline;
        lock.lock();
        try {
            deadline = stopDeadline();
        } finally {
            lock.unlock();
        }
        Message received;
        while (System.nanoTime() - deadline < 0 && (received = socket.recvMessage(Socket.DONTWAIT)) != null) {
            handle(received);
        }
    }

    private void handle(Message received) {
        CompletableFuture<Message> reply = container.dispatcher().dispatch(received);
        if (reply.isDone()) {
            send(reply.join());
            return;
        }
        lock.lock();
        try {
            futuresPending++;
        } finally {
            lock.unlock();
        }
        reply.whenComplete((message, failure) -> {
            try {
                send(message);
            } finally {
                lock.lock();
                try {
                    futuresPending--;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
    }

    /** Any thread (the socket is thread-safe): a reader, or the thread that completed a listener's future. */
    private void send(Message reply) {
        if (reply == null) {
            return;
        }
        try {
            if (!socket.send(reply)) {
                LOG.warn("zmq listener '" + container.listenerId()
                        + "' could not send a reply within the socket's send-timeout; it is dropped");
            }
        } catch (ZmqException e) {
            if (closed(e)) {
                LOG.debug("zmq listener '" + container.listenerId() + "' closed before a reply could be sent", e);
            } else if (e.code() == ErrorCode.EHOSTUNREACH) {
                LOG.warn("zmq listener '" + container.listenerId()
                        + "' could not send a reply: the client that sent the request has gone (" + e.getMessage()
                        + ")");
            } else {
                LOG.warn("zmq listener '" + container.listenerId() + "' could not send a reply", e);
            }
        }
    }

    private static boolean closed(ZmqException e) {
        return e.code() == ErrorCode.ETERM || e.code() == ErrorCode.ENOTSOCK;
    }
}
