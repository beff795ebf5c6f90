package dev.zmq4j.spring.health;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketEventListener;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.health.SocketHealthSnapshot.BindState;
import dev.zmq4j.spring.health.SocketHealthSnapshot.LastEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health state of one socket, kept up to date from the socket's events: which bound endpoints are listening,
 * which connections completed their handshake (the peers), the last event, failed handshakes and reconnects.
 *
 * <p>Peers are counted per connection number: CONNECTED or ACCEPTED opens a connection, HANDSHAKE_SUCCEEDED makes
 * it a peer, DISCONNECTED (or CLOSED) of that number ends it. libzmq's HANDSHAKE_SUCCEEDED and HANDSHAKE_FAILED_*
 * carry no connection number, only the endpoint, so they go to the oldest connection on that endpoint still in its
 * handshake. That is exact for a connect endpoint (one connection at a time); for connections accepted on one
 * bound endpoint it assumes their handshakes finish in the order they were accepted, which only matters for the
 * informational peer count of a bound socket.
 *
 * <p>Thread rule: {@link #onEvent} runs on zmq4j I/O threads, possibly several at once, and {@link #snapshot} on
 * any thread (a health check). Both hold this object's monitor for a few map operations only, never while calling
 * out, so the I/O threads are never blocked for long.
 */
public final class SocketHealthTracker implements SocketEventListener {
    private final String socketName;
    private final SocketType type;
    private final String mechanism;
    private final List<String> connectEndpoints;
    /** Whether a connect endpoint raises connection events; may change when a placeholder endpoint resolves. */
    private boolean tracksPeers;

    private final Clock clock;

    private final Map<String, BindState> boundEndpoints = new LinkedHashMap<>();
    private final Map<Integer, String> listeners = new HashMap<>();
    /** Open connections by number, in the order they were opened (for handshake attribution). */
    private final Map<Integer, Connection> connections = new LinkedHashMap<>();

    private final boolean peerRequired;
    private int peers;
    private Instant noPeerSince;
    private LastEvent lastEvent;
    private long handshakeFailures;
    private long reconnects;
    private boolean closed;
    private boolean paused;

    /**
     * @param socketName       the socket's name in health and metrics
     * @param type             the declared type
     * @param mechanism        the socket's security mechanism (NULL, PLAIN or CURVE), fixed before it binds or connects
     * @param connectEndpoints the endpoints the socket is about to connect to (empty for a bound-only socket)
     * @param clock            the time source for the last event and the grace period
     */
    public SocketHealthTracker(
            String socketName, SocketType type, String mechanism, List<String> connectEndpoints, Clock clock) {
        this(socketName, type, mechanism, connectEndpoints, true, clock);
    }

    /** @param peerRequired whether, past the grace period, no peer makes the socket DOWN (else it stays CONNECTING) */
    public SocketHealthTracker(
            String socketName,
            SocketType type,
            String mechanism,
            List<String> connectEndpoints,
            boolean peerRequired,
            Clock clock) {
        this.peerRequired = peerRequired;
        this.socketName = socketName;
        this.type = type;
        this.mechanism = mechanism;
        this.connectEndpoints = new ArrayList<>(connectEndpoints);
        this.tracksPeers = this.connectEndpoints.stream().anyMatch(SocketHealthSnapshot::reportsConnections);
        this.clock = clock;
        this.noPeerSince = tracksPeers ? clock.instant() : null;
    }

    public String socketName() {
        return socketName;
    }

    public SocketType type() {
        return type;
    }

    @Override
    public synchronized void onEvent(SocketEvent event) {
        Instant now = clock.instant();
        lastEvent = new LastEvent(event.type(), event.value(), event.endpoint(), now);
        switch (event.type()) {
            case LISTENING -> {
                boundEndpoints.put(event.endpoint(), BindState.LISTENING);
                listeners.put(event.value(), event.endpoint());
            }
            case BIND_FAILED -> boundEndpoints.put(event.endpoint(), BindState.BIND_FAILED);
            case CLOSED -> closed(event.value());
            case CONNECTED, ACCEPTED -> connections.put(event.value(), new Connection(event.endpoint()));
            case HANDSHAKE_SUCCEEDED -> handshakeSucceeded(event.endpoint());
            case HANDSHAKE_FAILED_NO_DETAIL, HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_AUTH ->
                handshakeFailed(event.endpoint());
            case DISCONNECTED -> ended(connections.remove(event.value()));
            case CONNECT_RETRIED -> reconnects++;
            case MONITOR_STOPPED -> socketClosed();
            default -> {
                // CONNECT_DELAYED, ACCEPT_FAILED, CLOSE_FAILED change nothing the health depends on
            }
        }
        updateNoPeerSince(now);
    }

    /**
     * A connect endpoint tracked as written ({@code ${local.zmq.quotes.endpoint}}) until the socket it names had
     * bound is now known as {@code resolved}; the socket is about to connect there. Any thread.
     */
    public synchronized void connectEndpointResolved(String declared, String resolved) {
        connectEndpoints.replaceAll(endpoint -> endpoint.equals(declared) ? resolved : endpoint);
        // ${local.zmq.x.endpoint} may turn out to be udp://, which has no connections to wait for.
        tracksPeers = connectEndpoints.stream().anyMatch(SocketHealthSnapshot::reportsConnections);
        updateNoPeerSince(clock.instant());
    }

    /**
     * The listener reading this socket has paused ({@code true}) or resumed: its socket stays bound and connected,
     * so the health is unchanged but for the {@code paused} detail. Any thread.
     */
    public synchronized void paused(boolean nowPaused) {
        paused = nowPaused;
    }

    /** The state now; cheap enough for every health check. Any thread. */
    public synchronized SocketHealthSnapshot snapshot() {
        Set<String> connected = new LinkedHashSet<>();
        for (Connection connection : connections.values()) {
            if (connection.handshaken && connectEndpoints.contains(connection.endpoint)) {
                connected.add(connection.endpoint);
            }
        }
        return new SocketHealthSnapshot(
                socketName,
                type,
                mechanism,
                closed,
                boundEndpoints,
                peerRequired,
                connectEndpoints,
                new ArrayList<>(connected),
                peers,
                noPeerSince,
                lastEvent,
                handshakeFailures,
                reconnects,
                paused);
    }

    /** Connected peers now, for the {@code zmq.peers.connected} gauge. Any thread. */
    public synchronized int peers() {
        return peers;
    }

    private void closed(int number) {
        String listenerEndpoint = listeners.remove(number);
        if (listenerEndpoint != null) {
            boundEndpoints.put(listenerEndpoint, BindState.CLOSED);
        } else {
            ended(connections.remove(number)); // a connect attempt that was given up
        }
    }

    private void handshakeSucceeded(String endpoint) {
        Connection connection = oldestInHandshake(endpoint);
        if (connection != null) {
            connection.inHandshake = false;
            connection.handshaken = true;
            peers++;
        }
    }

    private void handshakeFailed(String endpoint) {
        handshakeFailures++;
        Connection connection = oldestInHandshake(endpoint);
        if (connection != null) {
            connection.inHandshake = false; // its DISCONNECTED follows; it must not take a later handshake
        }
    }

    private Connection oldestInHandshake(String endpoint) {
        for (Connection connection : connections.values()) {
            if (connection.inHandshake && connection.endpoint.equals(endpoint)) {
                return connection;
            }
        }
        return null;
    }

    private void ended(Connection connection) {
        if (connection != null && connection.handshaken) {
            peers--;
        }
    }

    private void socketClosed() {
        closed = true;
        connections.clear();
        peers = 0;
        listeners.clear();
        boundEndpoints.replaceAll((endpoint, state) -> state == BindState.LISTENING ? BindState.CLOSED : state);
    }

    private void updateNoPeerSince(Instant now) {
        if (!tracksPeers || peers > 0) {
            noPeerSince = null;
        } else if (noPeerSince == null) {
            noPeerSince = now;
        }
    }

    /** One open connection; mutated only under the tracker's monitor. */
    private static final class Connection {
        final String endpoint;
        boolean inHandshake = true;
        boolean handshaken;

        Connection(String endpoint) {
            this.endpoint = endpoint;
        }
    }
}
