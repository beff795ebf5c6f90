package dev.zmq4j.perf.soak;

import dev.zmq4j.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A thread that owns one zmq4j socket and runs one step of its traffic at a time until asked to stop, then
 * closes the socket. The socket is created by the caller and handed over by {@link Thread#start}; from then on
 * only this thread touches it. Each step must come back within the socket's receive timeout so that a stop is
 * noticed.
 *
 * <p>Thread rule: {@link #start}, {@link #stop} and the accessors from the soak's thread.
 */
final class SocketLoop {
    /** One step of traffic; returns false when the loop is done by itself. */
    interface Step {
        boolean run(Socket socket) throws Exception;
    }

    private final Socket socket;
    private final Step step;
    private final Thread thread;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    SocketLoop(String name, Socket socket, Step step) {
        this.socket = socket;
        this.step = step;
        this.thread = new Thread(this::loop, "soak-" + name);
    }

    SocketLoop start() {
        thread.start();
        return this;
    }

    /** Asks the loop to stop after its current step and waits for it to close the socket. */
    void stop() {
        running = false;
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            failures.add(thread.getName() + " did not stop within a minute");
        }
    }

    boolean running() {
        return running;
    }

    void fail(String why) {
        failures.add(why);
    }

    List<String> failures() {
        return failures;
    }

    private void loop() {
        try (socket) {
            while (running && step.run(socket)) {
                // each step does its own waiting, bounded by the socket's timeouts
            }
        } catch (Exception | Error e) {
            failures.add(thread.getName() + " failed: " + e);
        }
    }
}
