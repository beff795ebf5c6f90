package dev.zmq4j.scenario;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketEventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Collects a socket's events in the order one source delivered them (a listener on I/O threads, or a monitor PAIR
 * read by the test thread), and lets the test wait for one with a bounded wait. Every event taken is kept, so a
 * failure message shows what did arrive.
 */
class EventRecorder implements SocketEventListener {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final String name;
    private final BlockingQueue<SocketEvent> queue = new LinkedBlockingQueue<>();
    private final List<SocketEvent> taken = new ArrayList<>();
    private final Supplier<SocketEvent> source;

    /** Records what a listener is given. */
    EventRecorder(String name) {
        this.name = name;
        this.source = null;
    }

    /** Records what {@code source} returns (null: nothing within its own timeout). */
    EventRecorder(String name, Supplier<SocketEvent> source) {
        this.name = name;
        this.source = source;
    }

    @Override
    public void onEvent(SocketEvent event) {
        queue.add(event);
    }

    /** The next event, or null if none comes within {@code timeout}. */
    SocketEvent poll(Duration timeout) {
        SocketEvent event;
        if (source != null) {
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                event = source.get();
            } while (event == null && System.nanoTime() < deadline);
        } else {
            try {
                event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for an event of " + name);
            }
        }
        if (event != null) {
            taken.add(event);
        }
        return event;
    }

    /** The next event, which must come within {@link #WAIT}. */
    SocketEvent next() {
        SocketEvent event = poll(WAIT);
        if (event == null) {
            throw new AssertionError("no event from " + name + " within " + WAIT.toMillis() + " ms; so far: " + taken);
        }
        return event;
    }

    /** Skips events until one of {@code type} arrives (within {@link #WAIT} overall) and returns it. */
    SocketEvent await(SocketEvent.Type type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SocketEvent event = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (event == null) {
                throw new AssertionError(
                        "no " + type + " event from " + name + " within " + WAIT.toMillis() + " ms; so far: " + taken);
            }
            if (event.type() == type) {
                return event;
            }
        }
    }

    /** The types of the events taken so far, in order. */
    List<SocketEvent.Type> typesTaken() {
        return taken.stream().map(SocketEvent::type).toList();
    }

    List<SocketEvent> taken() {
        return List.copyOf(taken);
    }

    @Override
    public String toString() {
        return name + " " + taken;
    }
}
