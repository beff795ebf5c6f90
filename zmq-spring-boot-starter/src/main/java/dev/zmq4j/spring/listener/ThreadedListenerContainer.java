package dev.zmq4j.spring.listener;

import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The lifecycle the containers share: {@code start} launches the container's own thread and returns once that
 * thread has bound its sockets (or rethrows why it could not); {@code stop} raises the stop flag and waits for the
 * thread to finish its requests in flight. Subclasses write the thread's body, {@link #run}, which must create,
 * use and close every socket itself (a socket belongs to one thread) and watch {@link #stopRequested()}.
 *
 * <p>{@code start}/{@code stop} are thread-safe; a stopped container can be started again.
 */
public abstract class ThreadedListenerContainer implements ZmqListenerContainer {
    private static final Log LOG = LogFactory.getLog(ThreadedListenerContainer.class);
    /** How often an idle receive loop looks at the stop flag; the wait is a blocking receive, not a spin. */
    static final int STOP_CHECK_MILLIS = 100;

    protected final ListenerDefinition definition;
    protected final ZmqSocketFactory sockets;
    protected final RequestDispatcher dispatcher;
    protected final Duration shutdownTimeout;
    private final Object lifecycleLock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile List<String> boundEndpoints = List.of();
    private Thread thread;

    protected ThreadedListenerContainer(ListenerDefinition definition, ZmqSocketFactory sockets,
            RequestDispatcher dispatcher, Duration shutdownTimeout) {
        this.definition = definition;
        this.sockets = sockets;
        this.dispatcher = dispatcher;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * The container thread's body: set up the sockets, complete {@code ready} with the bound endpoints (or
     * complete it exceptionally and return), serve until {@link #stopRequested()}, close the sockets.
     */
    protected abstract void run(CompletableFuture<List<String>> ready);

    /** How long {@link #stop()} waits for the thread: by default the shutdown timeout. */
    protected Duration stopWaitLimit() {
        return shutdownTimeout;
    }

    protected final boolean stopRequested() {
        return stopRequested;
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

    @Override
    public void stop() {
        synchronized (lifecycleLock) {
            if (!running) {
                return;
            }
            stopRequested = true;
            try {
                thread.join(Math.max(1, stopWaitLimit().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("zmq listener '" + definition.listenerId() + "' did not finish within " + stopWaitLimit());
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
