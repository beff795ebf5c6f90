package dev.zmq4j.spring.health;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SocketHealthTracker} knew about its socket at one moment. Immutable, so it may be read on any
 * thread.
 *
 * @param socketName         the socket's name ({@code zmq.sockets} key, or listener id for an inline listener)
 * @param type               the declared socket type
 * @param mechanism          the security mechanism its connections use: NULL, PLAIN or CURVE
 * @param closed             whether the socket has been closed
 * @param boundEndpoints     each bound endpoint (as resolved, e.g. {@code tcp://127.0.0.1:40123}) and its state
 * @param peerRequired       whether a peer-tracking socket without a peer turns DOWN after the grace period
 *                           ({@code zmq.sockets.<name>.health.require-peer}); if not, it stays CONNECTING
 * @param connectEndpoints   the endpoints the socket connects to, as declared
 * @param connectedEndpoints the connect endpoints that currently have a handshaken peer
 * @param peers              connections (connected or accepted) whose handshake completed and that are still open
 * @param noPeerSince        since when a peer-tracking socket has had no handshaken peer; null while it has one, and
 *                           for a socket that does not track peers
 * @param lastEvent          the socket's most recent event, or null before the first one
 * @param handshakeFailures  failed handshakes since the socket was created
 * @param reconnects         connect attempts scheduled again (CONNECT_RETRIED) since the socket was created
 * @param paused             whether the listener reading the socket is paused (it stays bound and connected)
 */
public record SocketHealthSnapshot(
        String socketName,
        SocketType type,
        String mechanism,
        boolean closed,
        Map<String, BindState> boundEndpoints,
        boolean peerRequired,
        List<String> connectEndpoints,
        List<String> connectedEndpoints,
        int peers,
        Instant noPeerSince,
        LastEvent lastEvent,
        long handshakeFailures,
        long reconnects,
        boolean paused) {

    /** The state of one bound endpoint. */
    public enum BindState {
        LISTENING,
        BIND_FAILED,
        CLOSED
    }

    /** One event as the tracker saw it, with the time it arrived. */
    public record LastEvent(SocketEvent.Type type, int value, String endpoint, Instant time) {}

    public SocketHealthSnapshot {
        boundEndpoints = Map.copyOf(boundEndpoints);
        connectEndpoints = List.copyOf(connectEndpoints);
        connectedEndpoints = List.copyOf(connectedEndpoints);
    }

    /** A snapshot of a socket whose reader is not paused. */
    public SocketHealthSnapshot(
            String socketName,
            SocketType type,
            String mechanism,
            boolean closed,
            Map<String, BindState> boundEndpoints,
            boolean peerRequired,
            List<String> connectEndpoints,
            List<String> connectedEndpoints,
            int peers,
            Instant noPeerSince,
            LastEvent lastEvent,
            long handshakeFailures,
            long reconnects) {
        this(
                socketName,
                type,
                mechanism,
                closed,
                boundEndpoints,
                peerRequired,
                connectEndpoints,
                connectedEndpoints,
                peers,
                noPeerSince,
                lastEvent,
                handshakeFailures,
                reconnects,
                false);
    }

    /**
     * Whether the socket's health depends on having a peer: it connects over a transport that reports connections
     * (tcp, ipc). inproc connections raise no events, so a socket connecting only over inproc does not track peers; nor does one
     * connecting only over udp, which has no connections.
     */
    public boolean tracksPeers() {
        return connectEndpoints.stream().anyMatch(SocketHealthSnapshot::reportsConnections);
    }

    /**
     * The health at {@code now}: CLOSED once closed; DOWN if a bound endpoint failed or stopped listening; for a
     * peer-tracking socket with no handshaken peer, CONNECTING until it has been so for longer than
     * {@code connectGracePeriod}, DOWN after (CONNECTING still when no peer is required); UP otherwise.
     */
    public SocketHealthState state(Instant now, Duration connectGracePeriod) {
        if (closed) {
            return SocketHealthState.CLOSED;
        }
        if (boundEndpoints.values().stream().anyMatch(state -> state != BindState.LISTENING)) {
            return SocketHealthState.DOWN;
        }
        if (noPeerSince == null) {
            return SocketHealthState.UP;
        }
        return peerRequired && withoutPeerFor(now).compareTo(connectGracePeriod) > 0
                ? SocketHealthState.DOWN
                : SocketHealthState.CONNECTING;
    }

    /** How long a peer-tracking socket has been without a handshaken peer at {@code now}; zero while it has one. */
    public Duration withoutPeerFor(Instant now) {
        if (noPeerSince == null || now.isBefore(noPeerSince)) {
            return Duration.ZERO;
        }
        return Duration.between(noPeerSince, now);
    }

    /** inproc raises no connection events, and udp (RADIO, DISH) has no connections: datagrams, no handshake. */
    static boolean reportsConnections(String endpoint) {
        return !endpoint.startsWith("inproc://") && !endpoint.startsWith("udp://");
    }
}
