package dev.zmq4j.spring.listener;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A listener with concurrency N: one front thread owns the bound (or connected) front socket and an inproc
 * ROUTER; N worker threads each own an inproc DEALER (see {@link WorkerProtocol}). The front hands a message to
 * an idle worker only, and reads the front socket only while a worker is idle, so back-pressure stays in the
 * front socket's queue. A REP declaration is served by a ROUTER front (REQ and DEALER clients cannot tell).
 * Paused, the front reads nothing more but still forwards the answers of busy workers.
 *
 * <p>The front thread waits on both sockets with a {@link Poller} that a stop wakes, so an idle pool sleeps.
 * Stopping (within the shutdown timeout): hand out what the front socket has already received, wait for every busy
 * worker's answer and forward it, then send STOP to each worker, join them, close. {@code start}/{@code stop} are
 * thread-safe.
 */
public final class WorkerPoolListenerContainer extends ThreadedListenerContainer {
    private static final Log LOG = LogFactory.getLog(WorkerPoolListenerContainer.class);
    private static final AtomicLong POOLS = new AtomicLong();

    public WorkerPoolListenerContainer(
            ListenerDefinition definition,
            ZmqSocketFactory sockets,
            RequestDispatcher dispatcher,
            Duration shutdownTimeout) {
        super(definition, sockets, dispatcher, shutdownTimeout);
    }

    /** The front thread waits for its workers' answers within the shutdown timeout, then joins the workers. */
    @Override
    protected Duration stopWaitLimit() {
        return shutdownTimeout.multipliedBy(2);
    }

    /** The type of the front socket for a declared type: a REP becomes a ROUTER, the others stay. */
    public static SocketType frontType(SocketType declared) {
        return declared == SocketType.REP ? SocketType.ROUTER : declared;
    }

    @Override
    protected void run(CompletableFuture<List<String>> ready) {
        String backendEndpoint = "inproc://zmq4j-workers-" + definition.listenerId() + "-" + POOLS.incrementAndGet();
        Socket front = null;
        Socket backend = null;
        List<Thread> workers = new ArrayList<>();
        try {
            front = sockets.create(definition.origin(), dispatcher.socketType(), definition.socket());
            backend = sockets.context().socket(SocketType.ROUTER);
            backend.set(SocketOption.LINGER, 0);
            backend.bind(backendEndpoint);
            Deque<byte[]> idle = startWorkers(backend, backendEndpoint, workers);
            List<String> bound =
                    sockets.attach(definition.socketName(), definition.origin(), front, definition.socket());
            ready.complete(bound);
            serve(front, backend, idle);
        } catch (RuntimeException e) {
            if (!ready.completeExceptionally(e) && !(e instanceof ZmqException z && z.code() == ErrorCode.ETERM)) {
                LOG.error("zmq listener '" + definition.listenerId() + "' failed", e);
            }
        } finally {
            joinWorkers(workers);
            if (front != null) {
                front.close();
            }
            if (backend != null) {
                backend.close();
            }
        }
    }

    /** Starts the workers and waits for each one's READY, so every worker is known before traffic starts. */
    private Deque<byte[]> startWorkers(Socket backend, String backendEndpoint, List<Thread> workers) {
        for (int i = 0; i < definition.concurrency(); i++) {
            Thread worker = new Thread(
                    new ListenerWorker(sockets.context(), backendEndpoint, dispatcher),
                    "zmq4j-listener-" + definition.listenerId() + "-" + i);
            workers.add(worker);
            worker.start();
        }
        Deque<byte[]> idle = new ArrayDeque<>();
        while (idle.size() < workers.size()) {
            Message ready = backend.recvMessage();
            idle.add(ready.get(0));
        }
        return idle;
    }

    private void serve(Socket front, Socket backend, Deque<byte[]> idle) {
        int workerCount = idle.size();
        try (Poller accepting = sockets.context().poller();
                Poller draining = sockets.context().poller()) {
            int backendIndex = accepting.register(backend, Poller.POLLIN);
            int frontIndex = accepting.register(front, Poller.POLLIN);
            draining.register(backend, Poller.POLLIN);
            wakeThrough(accepting);
            wakeThrough(draining);
            long drainDeadline = Long.MAX_VALUE;
            while (true) {
                if (stopRequested() && drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + shutdownTimeout.toNanos();
                }
                boolean pausing = pauseRequested();
                // Acknowledged before the poll: once paused, the front socket is not read until resumed, while
                // the workers' answers are still collected and sent.
                readingPaused(pausing);
                int busy = workerCount - idle.size();
                // Stopping: what the front socket has already received is handed out and answered too, unless
                // paused.
                boolean queued = stopRequested() && !pausing && (front.get(SocketOption.EVENTS) & Poller.POLLIN) != 0;
                if (stopRequested() && ((busy == 0 && !queued) || System.nanoTime() > drainDeadline)) {
                    if (busy > 0) {
                        LOG.warn("zmq listener '" + definition.listenerId() + "' stopped with " + busy
                                + " requests unanswered after " + shutdownTimeout);
                    }
                    break;
                }
                boolean takeRequests = !pausing && !idle.isEmpty() && (!stopRequested() || queued);
                Poller poller = takeRequests ? accepting : draining;
                // Idle, it sleeps until a request, an answer or a stop's wake-up; stopping, until the drain deadline.
                long timeout = drainDeadline == Long.MAX_VALUE
                        ? -1
                        : Math.max(1, (drainDeadline - System.nanoTime()) / 1_000_000);
                poller.poll(timeout);
                if (poller.isReadable(backendIndex)) {
                    collectAnswers(front, backend, idle);
                }
                if (takeRequests && accepting.isReadable(frontIndex)) {
                    handOut(front, backend, idle);
                }
            }
            for (int i = 0; i < workerCount; i++) {
                byte[] worker = idle.poll();
                if (worker == null) {
                    break;
                }
                backend.send(WorkerProtocol.frame(worker, WorkerProtocol.STOP, null));
            }
        }
    }

    private void collectAnswers(Socket front, Socket backend, Deque<byte[]> idle) {
        Message answer;
        while ((answer = backend.recvMessage(Socket.DONTWAIT)) != null) {
            idle.add(answer.get(0));
            if (answer.get(1)[0] == WorkerProtocol.ANSWER && answer.size() > 2) {
                try {
                    front.send(WorkerProtocol.tail(answer, 2));
                } catch (ZmqException e) {
                    if (e.code() == ErrorCode.ETERM) {
                        throw e;
                    }
                    LOG.warn("zmq listener '" + definition.listenerId() + "' could not send a reply", e);
                }
            }
        }
    }

    private void handOut(Socket front, Socket backend, Deque<byte[]> idle) {
        Message request;
        while (!idle.isEmpty() && (request = front.recvMessage(Socket.DONTWAIT)) != null) {
            backend.send(WorkerProtocol.frame(idle.poll(), WorkerProtocol.REQUEST, request));
        }
    }

    private void joinWorkers(List<Thread> workers) {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
