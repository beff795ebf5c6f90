package dev.zmq4j.spring.listener;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A listener with concurrency 1: one thread creates, binds, reads and closes the listener's socket, handling one
 * message at a time (so a REP socket answers each request before it reads the next). The thread polls the socket
 * with a poller a stop wakes, sleeping while idle; stopping lets the message in hand finish and be answered, then closes.
 * A listener method that returns a future does not hold the thread: the reply is sent from this thread when the
 * future completes (see {@link PendingReplies}); a REP reads its next request only after that.
 * {@code start}/{@code stop} are thread-safe; the socket is touched only by the listener thread.
 */
public final class SocketListenerContainer extends ThreadedListenerContainer {
    private static final Log LOG = LogFactory.getLog(SocketListenerContainer.class);

    public SocketListenerContainer(
            ListenerDefinition definition,
            ZmqSocketFactory sockets,
            RequestDispatcher dispatcher,
            Duration shutdownTimeout) {
        super(definition, sockets, dispatcher, shutdownTimeout);
    }

    @Override
    protected void run(CompletableFuture<List<String>> ready) {
        Socket socket = openSocket(ready);
        if (socket == null) {
            return;
        }
        PendingReplies pending = new PendingReplies(this::wake);
        try (Poller poller = sockets.context().poller()) {
            wakeThrough(poller);
            receiveUntilStopped(socket, poller, pending);
            answerQueued(socket, poller, pending);
        } catch (ZmqException e) {
            if (e.code() != ErrorCode.ETERM) {
                LOG.error("zmq listener '" + definition.listenerId() + "' failed", e);
            }
        } finally {
            socket.close();
        }
    }

    /**
     * One message at a time; sleeps while idle. A reply whose future completed wakes the thread's poller and is
     * sent from here. A REP must answer before it reads the next request, so while its reply is
     * pending the socket is not read (the peer's next request waits in its queue); a ROUTER, PULL or SUB goes on
     * reading. Paused, the socket is not read either, but completed replies are still sent.
     */
    private void receiveUntilStopped(Socket socket, Poller poller, PendingReplies pending) {
        int messages = poller.register(socket, Poller.POLLIN);
        while (!stopRequested()) {
            boolean pausing = pauseRequested();
            // Acknowledged before the poll: once paused, nothing more is read until resumed.
            readingPaused(pausing);
            boolean readable = !pausing && !mustAnswerFirst(pending);
            poller.register(socket, readable ? Poller.POLLIN : 0);
            poller.poll(-1);
            pending.sendCompleted(reply -> send(socket, reply));
            if (!readable || !poller.isReadable(messages)) {
                continue;
            }
            Message received;
            try {
                received = socket.recvMessage(Socket.DONTWAIT);
            } catch (ZmqException e) {
                if (e.code() == ErrorCode.ETERM) {
                    throw e;
                }
                LOG.warn("zmq listener '" + definition.listenerId() + "' failed to receive", e);
                continue;
            }
            if (received != null) {
                handle(socket, received, pending);
            }
        }
    }

    /**
     * Stopping: what the socket has already received is handled too (each request answered), and every pending
     * future is waited for and its reply sent, until both are done or the shutdown timeout runs out; only then is
     * the socket closed. A paused listener leaves its queue unread: pausing promised not to handle it.
     */
    private void answerQueued(Socket socket, Poller poller, PendingReplies pending) {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        // From here the poller wakes only when a future completes (or the time runs out).
        poller.register(socket, 0);
        boolean queueEmpty = pauseRequested();
        while (System.nanoTime() < deadline) {
            pending.sendCompleted(reply -> send(socket, reply));
            if (!queueEmpty && !mustAnswerFirst(pending)) {
                Message received = socket.recvMessage(Socket.DONTWAIT);
                if (received != null) {
                    handle(socket, received, pending);
                    continue;
                }
                queueEmpty = true;
            }
            if (pending.count() == 0) {
                return;
            }
            poller.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        if (pending.count() > 0) {
            LOG.warn("zmq listener '" + definition.listenerId() + "' stopped with " + pending.count()
                    + " listener futures not complete after " + shutdownTimeout + "; their replies are not sent");
        }
    }

    private boolean mustAnswerFirst(PendingReplies pending) {
        return dispatcher.socketType() == SocketType.REP && pending.count() > 0;
    }

    private void handle(Socket socket, Message received, PendingReplies pending) {
        CompletableFuture<Message> reply = dispatcher.dispatch(received);
        if (reply.isDone()) {
            send(socket, reply.join());
        } else {
            pending.track(reply);
        }
    }

    private void send(Socket socket, Message reply) {
        if (reply == null) {
            return;
        }
        try {
            socket.send(reply);
        } catch (ZmqException e) {
            if (e.code() == ErrorCode.ETERM) {
                throw e;
            }
            LOG.warn("zmq listener '" + definition.listenerId() + "' could not send a reply", e);
        }
    }
}
