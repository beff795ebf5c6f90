package dev.zmq4j.spring.listener;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A listener with concurrency 1: one thread creates, binds, reads and closes the listener's socket, handling one
 * message at a time (so a REP socket answers each request before it reads the next). The receive loop uses a
 * short RCVTIMEO to notice a stop request; stopping lets the message in hand finish and be answered, then closes.
 * {@code start}/{@code stop} are thread-safe; the socket is touched only by the listener thread.
 */
public final class SocketListenerContainer implements ZmqListenerContainer {
    private static final Log LOG = LogFactory.getLog(SocketListenerContainer.class);
    /** How often an idle receive loop looks at the stop flag; the wait is a blocking receive, not a spin. */
    static final int STOP_CHECK_MILLIS = 100;

    private final ListenerDefinition definition;
    private final ZmqSocketFactory sockets;
    private final RequestDispatcher dispatcher;
    private final Duration shutdownTimeout;
    private final Object lifecycleLock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile List<String> boundEndpoints = List.of();
    private Thread thread;

    public SocketListenerContainer(ListenerDefinition definition, ZmqSocketFactory sockets,
            RequestDispatcher dispatcher, Duration shutdownTimeout) {
        this.definition = definition;
        this.sockets = sockets;
        this.dispatcher = dispatcher;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public String getListenerId() {
        return definition.listenerId();
    }

    @Override
    public void start() {
        synchronized (lifecycleLock) {
            if (running) {
                return;
            }
            stopRequested = false;
            CompletableFuture<List<String>> ready = new CompletableFuture<>();
            thread = new Thread(() -> run(ready), "zmq4j-listener-" + definition.listenerId());
            thread.start();
            try {
                boundEndpoints = ready.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            running = true;
        }
    }

    private void run(CompletableFuture<List<String>> ready) {
        Socket socket;
        try {
            socket = sockets.create(definition.origin(), definition.socket());
            socket.set(SocketOption.RCVTIMEO, STOP_CHECK_MILLIS);
            try {
                ready.complete(sockets.attach(definition.socketName(), definition.origin(), socket,
                        definition.socket()));
            } catch (RuntimeException e) {
                socket.close();
                throw e;
            }
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            return;
        }
        try {
            receiveUntilStopped(socket);
        } finally {
            socket.close();
        }
    }

    private void receiveUntilStopped(Socket socket) {
        while (!stopRequested) {
            Message received;
            try {
                received = socket.recvMessage();
            } catch (ZmqException e) {
                if (e.code() == ErrorCode.ETERM) {
                    return;
                }
                LOG.warn("zmq listener '" + definition.listenerId() + "' failed to receive", e);
                continue;
            }
            if (received == null) {
                continue;
            }
            Message reply = dispatcher.dispatch(received);
            if (reply != null) {
                socket.send(reply);
            }
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycleLock) {
            if (!running) {
                return;
            }
            stopRequested = true;
            try {
                thread.join(Math.max(1, shutdownTimeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("zmq listener '" + definition.listenerId() + "' did not finish within " + shutdownTimeout);
            }
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return definition.autoStartup();
    }

    @Override
    public List<String> getBoundEndpoints() {
        return boundEndpoints;
    }
}
