package dev.zmq4j.spring.listener;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
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
 * and the stop signal, sleeping while idle; stopping lets the message in hand finish and be answered, then closes.
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
    protected void run(CompletableFuture<List<String>> ready, Socket stopSignal) {
        Socket socket;
        try {
            socket = sockets.create(definition.origin(), definition.socket());
            try {
                ready.complete(
                        sockets.attach(definition.socketName(), definition.origin(), socket, definition.socket()));
            } catch (RuntimeException e) {
                socket.close();
                throw e;
            }
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            return;
        }
        try (Poller poller = sockets.context().poller()) {
            receiveUntilStopped(socket, stopSignal, poller);
            answerQueued(socket);
        } catch (ZmqException e) {
            if (e.code() != ErrorCode.ETERM) {
                LOG.error("zmq listener '" + definition.listenerId() + "' failed", e);
            }
        } finally {
            socket.close();
        }
    }

    /** One message at a time, so a REP answers each request before it reads the next; sleeps while idle. */
    private void receiveUntilStopped(Socket socket, Socket stopSignal, Poller poller) {
        int messages = poller.register(socket, Poller.POLLIN);
        poller.register(stopSignal, Poller.POLLIN);
        while (!stopRequested()) {
            poller.poll(-1);
            if (!poller.isReadable(messages)) {
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
            if (received == null) {
                continue;
            }
            handle(socket, received);
        }
    }

    /**
     * Stopping: what the socket has already received is handled too (each request answered), until the queue is
     * empty or the shutdown timeout runs out; only then is the socket closed.
     */
    private void answerQueued(Socket socket) {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        Message received;
        while (System.nanoTime() < deadline && (received = socket.recvMessage(Socket.DONTWAIT)) != null) {
            handle(socket, received);
        }
    }

    private void handle(Socket socket, Message received) {
        Message reply = dispatcher.dispatch(received);
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
