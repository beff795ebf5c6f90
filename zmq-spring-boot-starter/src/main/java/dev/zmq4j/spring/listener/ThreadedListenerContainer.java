package dev.zmq4j.spring.listener;

import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The lifecycle the containers share: {@code start} launches the container's own thread and returns once that
 * thread has bound its sockets (or rethrows why it could not); {@code stop} raises the stop flag, rings the
 * thread's stop signal and waits for the thread to finish its requests in flight. Subclasses write the thread's
 * body, {@link #run}, which must create, use and close every socket itself (a socket belongs to one thread), poll
 * the stop signal together with its own sockets and watch {@link #stopRequested()}. So an idle container sleeps
 * until there is work or a stop, with no periodic wake-up.
 *
 * <p>{@code start}/{@code stop} are thread-safe; a stopped container can be started again.
 */
public abstract class ThreadedListenerContainer implements ZmqListenerContainer {
    private static final Log LOG = LogFactory.getLog(ThreadedListenerContainer.class);
    private static final AtomicLong STOP_SIGNALS = new AtomicLong();

    protected final ListenerDefinition definition;
    protected final ZmqSocketFactory sockets;
    protected final RequestDispatcher dispatcher;
    protected final Duration shutdownTimeout;
    private final Object lifecycleLock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile List<String> boundEndpoints = List.of();
    private Thread thread;
    /**
     * The sending end of the running thread's stop signal, null when stopped. Guarded by its own lock, not the
     * lifecycle lock, because {@link #wake()} is called from the threads that complete listener futures while
     * {@code stop} holds the lifecycle lock waiting for this very thread to send those replies.
     */
    private final Object signalLock = new Object();

    private Socket stopSender;

    protected ThreadedListenerContainer(
            ListenerDefinition definition,
            ZmqSocketFactory sockets,
            RequestDispatcher dispatcher,
            Duration shutdownTimeout) {
        this.definition = definition;
        this.sockets = sockets;
        this.dispatcher = dispatcher;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * The container thread's body: set up the sockets, complete {@code ready} with the bound endpoints (or
     * complete it exceptionally and return), serve until {@link #stopRequested()}, close the sockets.
     *
     * @param stopSignal becomes readable when a stop is requested; poll it with the container's sockets
     */
    protected abstract void run(CompletableFuture<List<String>> ready, Socket stopSignal);

    /** How long {@link #stop()} waits for the thread: by default the shutdown timeout. */
    protected Duration stopWaitLimit() {
        return shutdownTimeout;
    }

    protected final boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Rings the container thread's stop signal without asking it to stop, so a thread that polls it wakes up and
     * looks for work handed to it (a reply whose future completed). Any thread; a no-op once stopped.
     */
    protected final void wake() {
        synchronized (signalLock) {
            if (stopSender == null) {
                return;
            }
            try {
                stopSender.send(new byte[0], Socket.DONTWAIT);
            } catch (ZmqException e) {
                // The context is closing: the container thread ends with ETERM anyway.
            }
        }
    }

    /** Empties the stop signal after a wake-up, so the next poll sleeps again; on the container thread. */
    protected static void drainSignal(Socket stopSignal) {
        while (stopSignal.recv(Socket.DONTWAIT) != null) {
            // the flag and the hand-over queues say what to do; the signal only woke us
        }
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
            String signalEndpoint =
                    "inproc://zmq4j-stop-" + definition.listenerId() + "-" + STOP_SIGNALS.incrementAndGet();
            // inproc connects before the bind: the container thread binds its end when it starts.
            Socket sender = sockets.context().socket(SocketType.PAIR);
            sender.set(SocketOption.LINGER, 0);
            sender.connect(signalEndpoint);
            synchronized (signalLock) {
                stopSender = sender;
            }
            CompletableFuture<List<String>> ready = new CompletableFuture<>();
            thread = new Thread(
                    () -> runWithStopSignal(ready, signalEndpoint), "zmq4j-listener-" + definition.listenerId());
            thread.start();
            try {
                boundEndpoints = ready.join();
            } catch (CompletionException e) {
                closeSignal();
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            running = true;
            // From this thread, not the container's: event listeners run on the thread that starts the listener.
            sockets.announceBound(definition.socketName(), boundEndpoints);
        }
    }

    private void runWithStopSignal(CompletableFuture<List<String>> ready, String signalEndpoint) {
        Socket stopSignal;
        try {
            stopSignal = sockets.context().socket(SocketType.PAIR);
            stopSignal.set(SocketOption.LINGER, 0);
            stopSignal.bind(signalEndpoint);
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            return;
        }
        try {
            run(ready, stopSignal);
        } finally {
            stopSignal.close();
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycleLock) {
            if (!running) {
                return;
            }
            stopRequested = true;
            wake();
            try {
                thread.join(Math.max(1, stopWaitLimit().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("zmq listener '" + definition.listenerId() + "' did not finish within " + stopWaitLimit());
            }
            closeSignal();
            running = false;
        }
    }

    private void closeSignal() {
        synchronized (signalLock) {
            stopSender.close();
            stopSender = null;
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
