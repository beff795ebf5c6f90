package dev.zmq4j.perf.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * A libzmq peer that the {@link ChaosMonkey} kills with SIGKILL and starts again on the same endpoint, over and
 * over. It remembers when it was down, so that a flow can tell a loss a kill explains from one it does not.
 *
 * <p>Thread-safe: the monkey restarts it while a flow reads its down intervals.
 */
final class ChaosPeer {
    /** A stretch of time, in {@link System#nanoTime()}, during which the peer was dead or not yet ready. */
    record Downtime(long from, long until) {}

    private final String role;
    private final String endpoint;
    private final String name;
    private final int rate;
    private final List<Downtime> downtimes = new ArrayList<>();
    private LibzmqPeer current;
    private int restarts;
    /** When the restart in progress began; {@code Long.MAX_VALUE} while the peer is up. */
    private long downSince = Long.MAX_VALUE;

    ChaosPeer(String role, String endpoint, String name, int rate) {
        this.role = role;
        this.endpoint = endpoint;
        this.name = name;
        this.rate = rate;
    }

    synchronized void start() {
        current = LibzmqPeer.start(role, endpoint, name, rate);
    }

    /** Kills the running process and starts another; the time between is recorded as down. */
    void restart() {
        LibzmqPeer dying;
        long from = System.nanoTime();
        synchronized (this) {
            dying = current;
            current = null;
            downSince = from;
        }
        dying.kill();
        LibzmqPeer next = LibzmqPeer.start(role, endpoint, name, rate);
        long until = System.nanoTime();
        synchronized (this) {
            current = next;
            downtimes.add(new Downtime(from, until));
            downSince = Long.MAX_VALUE;
            restarts++;
        }
    }

    synchronized void kill() {
        if (current != null) {
            current.kill();
            current = null;
        }
    }

    /** Whether the peer was down at some moment of [from, until], or within {@code graceNanos} after coming back. */
    synchronized boolean wasDownDuring(long from, long until, long graceNanos) {
        if (downSince <= until) {
            return true;
        }
        for (Downtime down : downtimes) {
            if (down.from() <= until && from <= down.until() + graceNanos) {
                return true;
            }
        }
        return false;
    }

    synchronized int restarts() {
        return restarts;
    }

    @Override
    public String toString() {
        return "libzmq " + role + " " + name + " " + endpoint;
    }
}
