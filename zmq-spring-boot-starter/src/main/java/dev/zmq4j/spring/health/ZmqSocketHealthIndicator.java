package dev.zmq4j.spring.health;

import dev.zmq4j.spring.health.SocketHealthSnapshot.LastEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The actuator health of one socket, from its {@link SocketHealthTracker}.
 *
 * <ul>
 *   <li>{@code UP}: every bound endpoint is listening and, for a socket connecting over tcp or ipc, at least one
 *       peer completed its handshake (detail {@code state: up}).</li>
 *   <li>{@code UP} with detail {@code state: connecting}: a connecting socket without a handshaken peer for no longer
 *       than {@code zmq.health.connect-grace-period}. ZeroMQ connects in the background and queues messages
 *       meanwhile, so a service that starts before its peers (or rides out a peer's restart) is not reported DOWN
 *       and does not fail a readiness probe; UNKNOWN would not do that better, since the status aggregator ranks it
 *       below UP anyway.</li>
 *   <li>{@code DOWN}: a bound endpoint failed or stopped listening, or the connecting socket has had no handshaken
 *       peer for longer than the grace period (detail {@code reason}), unless
 *       {@code zmq.sockets.<name>.health.require-peer} is false: such a socket stays {@code UP} with
 *       {@code state: connecting}, {@code withoutPeerFor} and {@code peerRequired: false}.</li>
 *   <li>{@code OUT_OF_SERVICE}: the socket was closed while the check ran.</li>
 * </ul>
 *
 * <p>Details: {@code type}, {@code state}, {@code boundEndpoints} (endpoint to LISTENING, BIND_FAILED or CLOSED),
 * {@code connectEndpoints}, {@code connectedEndpoints}, {@code peers}, {@code lastEvent} (type, value, endpoint,
 * time), {@code handshakeFailures}, {@code reconnects}, and {@code withoutPeerFor} while a connecting socket has no
 * peer, and {@code paused: true} while the listener reading the socket is paused (its status is unchanged: a paused
 * socket is still bound and connected, and senders are held back by its high-water mark, not refused). Thread-safe:
 * health checks may run on any thread, concurrently.
 */
public final class ZmqSocketHealthIndicator implements HealthIndicator {
    private final SocketHealthTracker tracker;
    private final Duration connectGracePeriod;
    private final Clock clock;

    public ZmqSocketHealthIndicator(SocketHealthTracker tracker, Duration connectGracePeriod, Clock clock) {
        this.tracker = tracker;
        this.connectGracePeriod = connectGracePeriod;
        this.clock = clock;
    }

    @Override
    public Health health() {
        SocketHealthSnapshot snapshot = tracker.snapshot();
        Instant now = clock.instant();
        SocketHealthState state = snapshot.state(now, connectGracePeriod);
        Health.Builder health = Health.status(status(state))
                .withDetail("type", snapshot.type().name())
                .withDetail("mechanism", snapshot.mechanism())
                .withDetail("state", state.name().toLowerCase())
                .withDetail("boundEndpoints", snapshot.boundEndpoints())
                .withDetail("connectEndpoints", snapshot.connectEndpoints())
                .withDetail("connectedEndpoints", snapshot.connectedEndpoints())
                .withDetail("peers", snapshot.peers())
                .withDetail("handshakeFailures", snapshot.handshakeFailures())
                .withDetail("reconnects", snapshot.reconnects());
        if (snapshot.lastEvent() != null) {
            health.withDetail("lastEvent", lastEvent(snapshot.lastEvent()));
        }
        if (snapshot.noPeerSince() != null) {
            health.withDetail("withoutPeerFor", snapshot.withoutPeerFor(now).toString());
        }
        if (!snapshot.peerRequired()) {
            health.withDetail("peerRequired", false);
        }
        if (snapshot.paused()) {
            health.withDetail("paused", true);
        }
        if (state == SocketHealthState.DOWN) {
            health.withDetail("reason", reason(snapshot, now));
        }
        return health.build();
    }

    private static Status status(SocketHealthState state) {
        return switch (state) {
            case UP, CONNECTING -> Status.UP;
            case DOWN -> Status.DOWN;
            case CLOSED -> Status.OUT_OF_SERVICE;
        };
    }

    private String reason(SocketHealthSnapshot snapshot, Instant now) {
        StringBuilder reason = new StringBuilder();
        snapshot.boundEndpoints().forEach((endpoint, state) -> {
            if (state != SocketHealthSnapshot.BindState.LISTENING) {
                reason.append(reason.isEmpty() ? "" : "; ")
                        .append(endpoint)
                        .append(" is ")
                        .append(state);
            }
        });
        if (reason.isEmpty()) {
            reason.append("no handshaken peer for ")
                    .append(snapshot.withoutPeerFor(now))
                    .append(" (grace period ")
                    .append(connectGracePeriod)
                    .append(')');
        }
        return reason.toString();
    }

    private static Map<String, Object> lastEvent(LastEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", event.type().name());
        details.put("value", event.value());
        details.put("endpoint", event.endpoint());
        details.put("time", event.time().toString());
        return details;
    }
}
