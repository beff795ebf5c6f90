package dev.zmq4j.spring.listener;

import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.event.ZmqListenerContainerPausedEvent;
import dev.zmq4j.spring.event.ZmqListenerContainerResumedEvent;
import dev.zmq4j.spring.health.SocketHealthTracker;
import dev.zmq4j.spring.support.ZmqSocketFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;

/**
 * The lifecycle the containers share: {@code start} launches the container's own thread and returns once that
 * thread has bound its sockets (or rethrows why it could not); {@code stop} raises the stop flag, wakes the
 * thread's pollers ({@link Poller#wakeup()}) and waits for the thread to finish its requests in flight. Subclasses
 * write the thread's body, {@link #run}, which must create, use and close every socket itself (a socket belongs to
 * one thread), hand the pollers it waits in to {@link #wakeThrough} before it first checks
 * {@link #stopRequested()}, and check that flag after every poll. So an idle container sleeps until there is work or
 * a stop, with no periodic wake-up.
 *
 * <p>Pausing: {@link #pause()} and {@link #resume()} only set a flag and wake the thread; the thread checks
 * {@link #pauseRequested()} before each poll, leaves the socket out of the poll while it is set (so nothing is read,
 * while replies in flight are still sent), and reports each change it made with {@link #readingPaused(boolean)},
 * which publishes the paused and resumed events on that thread and marks the socket's health.
 *
 * <p>{@code start}/{@code stop}/{@code pause}/{@code resume} are thread-safe; a stopped container can be started
 * again.
 */
public abstract class ThreadedListenerContainer implements ZmqListenerContainer, ApplicationEventPublisherAware {
    private static final Log LOG = LogFactory.getLog(ThreadedListenerContainer.class);

    protected final ListenerDefinition definition;
    protected final ZmqSocketFactory sockets;
    protected final RequestDispatcher dispatcher;
    protected final Duration shutdownTimeout;
    private final Object lifecycleLock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile boolean pauseRequested;
    /** Whether the thread has stopped reading because of a pause; written by the container thread only. */
    private volatile boolean paused;

    private volatile ApplicationEventPublisher events;
    private volatile List<String> boundEndpoints = List.of();
    private Thread thread;
    /**
     * What ends the running threads' waits, for {@link #wake()}: the pollers they wait in, or a container's own
     * wake-up; empty when stopped. Lock-free, because {@code wake} is called from the threads that complete listener
     * futures while {@code stop} holds the lifecycle lock waiting for this very thread to send those replies.
     */
    private volatile List<Runnable> wakeTargets = List.of();

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
     */
    protected abstract void run(CompletableFuture<List<String>> ready);

    /**
     * Container thread: creates the declared socket, binds and connects it, and completes {@code ready} with the bound
     * endpoints; or completes it exceptionally with the reason and returns null.
     */
    protected final Socket openSocket(CompletableFuture<List<String>> ready) {
        try {
            Socket socket = sockets.create(definition.origin(), definition.socket());
            try {
                ready.complete(
                        sockets.attach(definition.socketName(), definition.origin(), socket, definition.socket()));
                return socket;
            } catch (RuntimeException e) {
                socket.close();
                throw e;
            }
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            return null;
        }
    }

    /** How long {@link #stop()} waits for the thread: by default the shutdown timeout. */
    protected Duration stopWaitLimit() {
        return shutdownTimeout;
    }

    protected final boolean stopRequested() {
        return stopRequested;
    }

    /** Whether the thread should leave its socket unread; check before each poll. */
    protected final boolean pauseRequested() {
        return pauseRequested;
    }

    /**
     * Container thread (or, in a container of several reading threads, one of them at a time): it has just stopped
     * ({@code true}) or resumed ({@code false}) reading its socket because of a pause; a repeat is ignored. Marks the socket's health and publishes the event, on this thread.
     */
    protected final void readingPaused(boolean nowPaused) {
        if (paused == nowPaused) {
            return;
        }
        paused = nowPaused;
        SocketHealthTracker tracker = sockets.health().tracker(definition.socketName());
        if (tracker != null) {
            tracker.paused(nowPaused);
        }
        LOG.info("zmq listener '" + definition.listenerId() + "' " + (nowPaused ? "paused" : "resumed"));
        ApplicationEventPublisher publisher = events;
        if (publisher == null) {
            return;
        }
        try {
            publisher.publishEvent(
                    nowPaused ? new ZmqListenerContainerPausedEvent(this) : new ZmqListenerContainerResumedEvent(this));
        } catch (RuntimeException e) {
            LOG.warn("zmq listener '" + definition.listenerId() + "': an event listener failed", e);
        }
    }

    /** Where the paused and resumed events go; without one they are not published. */
    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    /**
     * Container thread: {@link #wake()} and {@code stop} end a poll of {@code poller} from now on. Call it for every
     * poller the thread waits in, before it first checks {@link #stopRequested()}.
     */
    protected final void wakeThrough(Poller poller) {
        wakeTargets.add(poller::wakeup);
    }

    /**
     * Container thread: {@link #wake()} and {@code stop} run {@code wakeUp} from now on (on the calling thread, which
     * may be any), for a container whose threads wait elsewhere than in a poller. Same rule as for a poller.
     */
    protected final void wakeThrough(Runnable wakeUp) {
        wakeTargets.add(wakeUp);
    }

    /**
     * Ends the container thread's poll without asking it to stop, so it looks for work handed to it (a reply whose
     * future completed). Any thread; a no-op once stopped.
     */
    protected final void wake() {
        for (Runnable wakeUp : wakeTargets) {
            wakeUp.run();
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
            // A list per run: a thread of an earlier run that outlived its stop cannot touch this one's.
            List<Runnable> targets = new CopyOnWriteArrayList<>();
            wakeTargets = targets;
            CompletableFuture<List<String>> ready = new CompletableFuture<>();
            thread = new Thread(() -> runAndForget(ready, targets), "zmq4j-listener-" + definition.listenerId());
            thread.start();
            try {
                boundEndpoints = ready.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            running = true;
            // From this thread, not the container's: event listeners run on the thread that starts the listener.
            sockets.announceBound(definition.socketName(), boundEndpoints);
        }
    }

    private void runAndForget(CompletableFuture<List<String>> ready, List<Runnable> targets) {
        try {
            run(ready);
        } finally {
            // Closed with the thread's sockets: a late wake() must not reach them.
            targets.clear();
            // A stopped container reads nothing, paused or not; a pause still requested applies to the next run.
            // Unless a new run has begun (this thread outlived its stop): that run's state is its own.
            if (wakeTargets == targets) {
                paused = false;
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
            wake();
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
    public void pause() {
        pauseRequested = true;
        wake();
    }

    @Override
    public void resume() {
        pauseRequested = false;
        wake();
    }

    @Override
    public boolean isPauseRequested() {
        return pauseRequested;
    }

    @Override
    public boolean isContainerPaused() {
        return paused;
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
