package dev.zmq4j.spring.support;

import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.health.SocketHealthTracker;
import dev.zmq4j.spring.metrics.HandshakeFailure;
import dev.zmq4j.spring.metrics.SocketEventMeters;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import java.time.Clock;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registry of every open socket the starter created: its {@link SocketHealthTracker} by socket name (the {@code zmq.sockets}
 * key, or the listener id of an inline {@code @ZmqListener}). The socket factory registers each socket before it
 * binds or connects; a closed socket leaves the registry once the context has reaped it, shortly after
 * {@code close()} returns (so a stopped listener disappears from health and a
 * restarted one comes back with a fresh tracker). The same events drive the socket's
 * {@link SocketEventMeters}. Needs neither the actuator nor Micrometer: health reads it when the actuator is
 * there, the meters when Micrometer is.
 *
 * <p>Thread-safe: sockets are registered on the threads that create them, removed on zmq4j I/O threads, and read
 * by health checks and gauges on any thread.
 */
public final class ZmqSocketRegistry {
    private final ConcurrentMap<String, SocketHealthTracker> trackers = new ConcurrentHashMap<>();
    private final ZmqMetrics metrics;
    private final Clock clock;

    public ZmqSocketRegistry(ZmqMetrics metrics) {
        this(metrics, Clock.systemUTC());
    }

    public ZmqSocketRegistry(ZmqMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Starts tracking {@code socket} under {@code socketName}, replacing the tracker of an earlier socket of that
     * name. Call on the socket's own thread, after its options are set and before it binds or connects, so no event
     * is missed.
     *
     * @param declaredType     the type as declared (a template's REQ, not the DEALER it runs on)
     * @param connectEndpoints the endpoints the socket will connect to
     */
    public SocketHealthTracker track(
            String socketName, SocketType declaredType, List<String> connectEndpoints, Socket socket) {
        return track(socketName, declaredType, connectEndpoints, true, socket);
    }

    /**
     * As {@link #track(String, SocketType, List, Socket)}.
     *
     * @param peerRequired whether a connecting socket without a peer past the grace period is DOWN
     *                     ({@code zmq.sockets.<name>.health.require-peer})
     */
    public SocketHealthTracker track(
            String socketName,
            SocketType declaredType,
            List<String> connectEndpoints,
            boolean peerRequired,
            Socket socket) {
        // read here, on the thread that created the socket and set its options (a socket is not thread-safe)
        String mechanism = socket.get(SocketOption.MECHANISM);
        SocketHealthTracker tracker =
                new SocketHealthTracker(socketName, declaredType, mechanism, connectEndpoints, peerRequired, clock);
        SocketEventMeters meters = metrics.forSocketEvents(socketName, declaredType, () -> connectedPeers(socketName));
        trackers.put(socketName, tracker);
        socket.addEventListener(event -> onEvent(tracker, meters, event), SocketEvent.ALL);
        return tracker;
    }

    /** The tracker of the open socket named {@code socketName}, or null. */
    public SocketHealthTracker tracker(String socketName) {
        return trackers.get(socketName);
    }

    /** The trackers of all open sockets, sorted by name; a copy. */
    public SortedMap<String, SocketHealthTracker> trackers() {
        return new TreeMap<>(trackers);
    }

    /** Connected peers of the open socket named {@code socketName}; 0 when there is none. */
    public int connectedPeers(String socketName) {
        SocketHealthTracker tracker = trackers.get(socketName);
        return tracker == null ? 0 : tracker.peers();
    }

    /** On an I/O thread: quick, never blocks. */
    private void onEvent(SocketHealthTracker tracker, SocketEventMeters meters, SocketEvent event) {
        tracker.onEvent(event);
        HandshakeFailure failure = HandshakeFailure.of(event.type());
        if (failure != null) {
            meters.handshakeFailed(failure);
        }
        switch (event.type()) {
            case CONNECT_RETRIED -> meters.reconnectScheduled();
            case MONITOR_STOPPED -> trackers.remove(tracker.socketName(), tracker);
            default -> {}
        }
    }
}
