package dev.zmq4j.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketEvent.Type;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.health.SocketHealthSnapshot.BindState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The tracker fed with socket events directly, on a clock the test moves; and the indicator built on it. */
class SocketHealthTrackerTest {
    static final Duration GRACE = Duration.ofSeconds(10);
    static final String BOUND = "tcp://127.0.0.1:40123";
    static final String PEER = "tcp://127.0.0.1:50000";

    final TestClock clock = new TestClock();

    @Test
    void shouldBeUpWhenEveryBindListens() {
        SocketHealthTracker tracker = tracker(SocketType.ROUTER, List.of());
        tracker.onEvent(new SocketEvent(Type.LISTENING, 7, BOUND));

        SocketHealthSnapshot snapshot = tracker.snapshot();
        assertThat(snapshot.boundEndpoints()).isEqualTo(Map.of(BOUND, BindState.LISTENING));
        assertThat(snapshot.tracksPeers()).isFalse();
        assertThat(snapshot.noPeerSince()).isNull();
        assertThat(state(tracker)).isEqualTo(SocketHealthState.UP);
        clock.advance(GRACE.multipliedBy(10));
        assertThat(state(tracker)).as("a bound socket needs no peer").isEqualTo(SocketHealthState.UP);
    }

    @Test
    void shouldBeDownWhenABindFailed() {
        SocketHealthTracker tracker = tracker(SocketType.PULL, List.of());
        tracker.onEvent(new SocketEvent(Type.LISTENING, 7, BOUND));
        tracker.onEvent(new SocketEvent(Type.BIND_FAILED, 98, "tcp://127.0.0.1:5555"));

        assertThat(tracker.snapshot().boundEndpoints()).containsEntry("tcp://127.0.0.1:5555", BindState.BIND_FAILED);
        assertThat(state(tracker)).isEqualTo(SocketHealthState.DOWN);
        Health health = indicator(tracker).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("reason")).isEqualTo("tcp://127.0.0.1:5555 is BIND_FAILED");
    }

    @Test
    void shouldBeDownWhenAListenerClosed() {
        SocketHealthTracker tracker = tracker(SocketType.REP, List.of());
        tracker.onEvent(new SocketEvent(Type.LISTENING, 7, BOUND));
        tracker.onEvent(new SocketEvent(Type.ACCEPTED, 8, BOUND));
        tracker.onEvent(new SocketEvent(Type.CLOSED, 7, BOUND));

        assertThat(tracker.snapshot().boundEndpoints()).isEqualTo(Map.of(BOUND, BindState.CLOSED));
        assertThat(state(tracker)).isEqualTo(SocketHealthState.DOWN);
    }

    @Test
    void shouldBeConnectingWithinTheGracePeriodAndDownAfterIt() {
        SocketHealthTracker tracker = tracker(SocketType.DEALER, List.of(PEER));
        tracker.onEvent(new SocketEvent(Type.CONNECT_DELAYED, 115, PEER));
        tracker.onEvent(new SocketEvent(Type.CLOSED, 3, PEER));
        tracker.onEvent(new SocketEvent(Type.CONNECT_RETRIED, 100, PEER));

        assertThat(state(tracker)).isEqualTo(SocketHealthState.CONNECTING);
        Health connecting = indicator(tracker).health();
        assertThat(connecting.getStatus()).isEqualTo(Status.UP);
        assertThat(connecting.getDetails())
                .containsEntry("state", "connecting")
                .containsEntry("peers", 0)
                .containsEntry("reconnects", 1L);

        clock.advance(GRACE);
        assertThat(state(tracker)).as("exactly the grace period").isEqualTo(SocketHealthState.CONNECTING);
        clock.advance(Duration.ofMillis(1));
        assertThat(state(tracker)).isEqualTo(SocketHealthState.DOWN);
        Health down = indicator(tracker).health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("reason")).isEqualTo("no handshaken peer for PT10.001S (grace period PT10S)");
    }

    @Test
    void shouldCountAHandshakenConnectionAsAPeerUntilItDisconnects() {
        SocketHealthTracker tracker = tracker(SocketType.DEALER, List.of(PEER));
        tracker.onEvent(new SocketEvent(Type.CONNECTED, 4, PEER));
        assertThat(tracker.peers()).as("connected, not yet handshaken").isZero();
        tracker.onEvent(new SocketEvent(Type.HANDSHAKE_SUCCEEDED, 0, PEER));

        SocketHealthSnapshot up = tracker.snapshot();
        assertThat(up.peers()).isEqualTo(1);
        assertThat(up.connectedEndpoints()).containsExactly(PEER);
        assertThat(up.noPeerSince()).isNull();
        assertThat(up.lastEvent().type()).isEqualTo(Type.HANDSHAKE_SUCCEEDED);
        assertThat(up.lastEvent().endpoint()).isEqualTo(PEER);
        assertThat(up.lastEvent().time()).isEqualTo(clock.instant());
        clock.advance(GRACE.multipliedBy(2));
        assertThat(state(tracker)).isEqualTo(SocketHealthState.UP);

        tracker.onEvent(new SocketEvent(Type.DISCONNECTED, 4, PEER));
        assertThat(tracker.peers()).isZero();
        assertThat(tracker.snapshot().noPeerSince())
                .as("the grace period starts again")
                .isEqualTo(clock.instant());
        assertThat(state(tracker)).isEqualTo(SocketHealthState.CONNECTING);
        clock.advance(GRACE.plusMillis(1));
        assertThat(state(tracker)).isEqualTo(SocketHealthState.DOWN);

        tracker.onEvent(new SocketEvent(Type.CONNECTED, 5, PEER));
        tracker.onEvent(new SocketEvent(Type.HANDSHAKE_SUCCEEDED, 0, PEER));
        assertThat(tracker.peers()).isEqualTo(1);
        assertThat(state(tracker)).isEqualTo(SocketHealthState.UP);
    }

    @Test
    void shouldNotCountAFailedHandshakeAsAPeer() {
        SocketHealthTracker tracker = tracker(SocketType.DEALER, List.of(PEER));
        tracker.onEvent(new SocketEvent(Type.CONNECTED, 4, PEER));
        tracker.onEvent(
                new SocketEvent(Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED, PEER));
        tracker.onEvent(new SocketEvent(Type.CONNECTED, 5, PEER));
        tracker.onEvent(new SocketEvent(Type.DISCONNECTED, 4, PEER));
        tracker.onEvent(new SocketEvent(Type.HANDSHAKE_FAILED_NO_DETAIL, 104, PEER));
        tracker.onEvent(new SocketEvent(Type.HANDSHAKE_FAILED_AUTH, 400, PEER));

        SocketHealthSnapshot snapshot = tracker.snapshot();
        assertThat(snapshot.handshakeFailures()).isEqualTo(3);
        assertThat(snapshot.peers()).isZero();
        assertThat(snapshot.connectedEndpoints()).isEmpty();
    }

    @Test
    void shouldPairHandshakesWithTheConnectionsTheyFinish() {
        SocketHealthTracker tracker = tracker(SocketType.ROUTER, List.of());
        tracker.onEvent(new SocketEvent(Type.LISTENING, 1, BOUND));
        tracker.onEvent(new SocketEvent(Type.ACCEPTED, 2, BOUND));
        tracker.onEvent(new SocketEvent(Type.ACCEPTED, 3, BOUND));
        tracker.onEvent(new SocketEvent(Type.HANDSHAKE_SUCCEEDED, 0, BOUND));
        // connection 3 leaves during its handshake: the peer that completed (2) must stay counted
        tracker.onEvent(new SocketEvent(Type.DISCONNECTED, 3, BOUND));
        assertThat(tracker.peers()).isEqualTo(1);
        tracker.onEvent(new SocketEvent(Type.DISCONNECTED, 3, BOUND));
        assertThat(tracker.peers())
                .as("a repeated DISCONNECTED changes nothing")
                .isEqualTo(1);
        tracker.onEvent(new SocketEvent(Type.DISCONNECTED, 2, BOUND));
        assertThat(tracker.peers()).isZero();
        assertThat(state(tracker))
                .as("peers are informational for a bound socket")
                .isEqualTo(SocketHealthState.UP);
    }

    @Test
    void shouldReportClosedAfterTheSocketClosed() {
        SocketHealthTracker tracker = tracker(SocketType.DEALER, List.of(PEER));
        tracker.onEvent(new SocketEvent(Type.CONNECTED, 4, PEER));
        tracker.onEvent(new SocketEvent(Type.HANDSHAKE_SUCCEEDED, 0, PEER));
        tracker.onEvent(new SocketEvent(Type.MONITOR_STOPPED, 0, ""));

        assertThat(tracker.snapshot().closed()).isTrue();
        assertThat(tracker.peers()).isZero();
        assertThat(state(tracker)).isEqualTo(SocketHealthState.CLOSED);
        assertThat(indicator(tracker).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void shouldNotWaitForPeersOverInproc() {
        SocketHealthTracker tracker = tracker(SocketType.PUSH, List.of("inproc://work"));
        assertThat(tracker.snapshot().tracksPeers()).isFalse();
        clock.advance(GRACE.multipliedBy(2));
        assertThat(state(tracker)).isEqualTo(SocketHealthState.UP);
    }

    @Test
    void shouldDescribeTheSocketInTheHealthDetails() {
        SocketHealthTracker tracker = tracker(SocketType.DEALER, List.of(PEER));
        tracker.onEvent(new SocketEvent(Type.LISTENING, 1, BOUND));
        tracker.onEvent(new SocketEvent(Type.CONNECTED, 4, PEER));
        tracker.onEvent(new SocketEvent(Type.HANDSHAKE_SUCCEEDED, 0, PEER));

        Health health = indicator(tracker).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("type", "DEALER")
                .containsEntry("state", "up")
                .containsEntry("boundEndpoints", Map.of(BOUND, BindState.LISTENING))
                .containsEntry("connectEndpoints", List.of(PEER))
                .containsEntry("connectedEndpoints", List.of(PEER))
                .containsEntry("peers", 1)
                .containsEntry("handshakeFailures", 0L)
                .containsEntry("reconnects", 0L)
                .containsEntry(
                        "lastEvent",
                        Map.of(
                                "type",
                                "HANDSHAKE_SUCCEEDED",
                                "value",
                                0,
                                "endpoint",
                                PEER,
                                "time",
                                clock.instant().toString()))
                .doesNotContainKeys("reason", "withoutPeerFor");
    }

    private SocketHealthTracker tracker(SocketType type, List<String> connect) {
        return new SocketHealthTracker("test", type, "NULL", connect, clock);
    }

    private SocketHealthState state(SocketHealthTracker tracker) {
        return tracker.snapshot().state(clock.instant(), GRACE);
    }

    private ZmqSocketHealthIndicator indicator(SocketHealthTracker tracker) {
        return new ZmqSocketHealthIndicator(tracker, GRACE, clock);
    }

    /** A clock that moves only when the test says so. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
