package dev.zmq4j.spring.listener;

import java.util.List;

/**
 * Runs one listener: owns its socket(s) on its own thread(s) and feeds received messages to the handler. Created
 * by a container factory and driven by the endpoint registry. {@code start} and {@code stop} may be called from
 * any thread; a stopped container can be started again (it creates fresh sockets).
 */
public interface ZmqListenerContainer {

    String getListenerId();

    /** Binds/connects and starts receiving; returns once the sockets are bound (or throws why they are not). */
    void start();

    /**
     * Stops receiving, lets the requests in flight finish and send their replies, closes the sockets; blocks up
     * to the shutdown timeout.
     */
    void stop();

    /** {@link #stop()} on a separate thread, then {@code callback} (the {@code SmartLifecycle} contract). */
    default void stop(Runnable callback) {
        Thread stopper = new Thread(
                () -> {
                    try {
                        stop();
                    } finally {
                        callback.run();
                    }
                },
                "zmq4j-stop-" + getListenerId());
        stopper.start();
    }

    boolean isRunning();

    /**
     * Asks the container to stop reading its socket, which stays bound or connected: messages wait in its queue
     * (where the high-water mark and TCP back-pressure hold their senders back; a REQ peer's request waits rather
     * than fails) until {@link #resume()}. Replies to requests already in hand are still sent. Takes effect before
     * the container's next read, on its own thread ({@link #isContainerPaused()}); a pause requested before
     * {@link #start()}, or kept over a stop and start, makes the container start paused. Any thread; idempotent.
     *
     * @throws UnsupportedOperationException if the container cannot pause
     */
    default void pause() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot pause");
    }

    /** Withdraws {@link #pause()}: the container reads its socket again, nothing lost. Any thread; idempotent. */
    default void resume() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot resume");
    }

    /** Whether {@link #pause()} was called and not withdrawn since; the container may not have paused yet. */
    default boolean isPauseRequested() {
        return false;
    }

    /** Whether the running container has actually stopped reading its socket because of {@link #pause()}. */
    default boolean isContainerPaused() {
        return false;
    }

    boolean isAutoStartup();

    /** The endpoints bound by the current run, resolved (e.g. {@code tcp://127.0.0.1:40123} for {@code :*}). */
    List<String> getBoundEndpoints();
}
