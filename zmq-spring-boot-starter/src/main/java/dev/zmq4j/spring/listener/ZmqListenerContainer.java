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

    boolean isAutoStartup();

    /** The endpoints bound by the current run, resolved (e.g. {@code tcp://127.0.0.1:40123} for {@code :*}). */
    List<String> getBoundEndpoints();
}
