package dev.zmq4j.spring.metrics;

import dev.zmq4j.SocketType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntSupplier;

/**
 * Counters per socket in a {@link MeterRegistry}: {@code zmq.messages.sent}, {@code zmq.messages.received},
 * {@code zmq.bytes.sent}, {@code zmq.bytes.received} and {@code zmq.template.request.timeouts}; from the socket
 * events the gauge {@code zmq.peers.connected} and the counters {@code zmq.reconnects} and
 * {@code zmq.handshake.failures}. All tagged with {@code socket} (the name) and {@code socket.type}; the handshake
 * failures also with {@code reason} ({@link HandshakeFailure#tag()}). It also registers the success series of the
 * observation timers ({@code zmq.listener}, {@code zmq.template.request}) up front, so they exist before the first
 * call.
 * Thread-safe.
 */
public final class MicrometerZmqMetrics implements ZmqMetrics {
    /** The tag {@code DefaultMeterObservationHandler} adds to every observation timer, and its value on success. */
    private static final String OBSERVATION_ERROR_TAG = "error";

    private static final String NO_ERROR = "none";

    private final MeterRegistry registry;
    private final ConcurrentMap<SocketKey, SocketEventMeters> eventMeters = new ConcurrentHashMap<>();

    public MicrometerZmqMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public SocketMeters forSocket(String name, SocketType type) {
        Tags tags = tags(name, type);
        Counter messagesSent = Counter.builder("zmq.messages.sent")
                .tags(tags)
                .description("Messages sent by the socket")
                .register(registry);
        Counter messagesReceived = Counter.builder("zmq.messages.received")
                .tags(tags)
                .description("Messages received by the socket")
                .register(registry);
        Counter bytesSent = Counter.builder("zmq.bytes.sent")
                .tags(tags)
                .baseUnit("bytes")
                .description("Bytes sent by the socket, all frames")
                .register(registry);
        Counter bytesReceived = Counter.builder("zmq.bytes.received")
                .tags(tags)
                .baseUnit("bytes")
                .description("Bytes received by the socket, all frames")
                .register(registry);
        Counter timeouts = Counter.builder("zmq.template.request.timeouts")
                .tags(tags)
                .description("Template requests that got no reply in time")
                .register(registry);
        return new SocketMeters() {
            @Override
            public void received(long bytes) {
                messagesReceived.increment();
                bytesReceived.increment(bytes);
            }

            @Override
            public void sent(long bytes) {
                messagesSent.increment();
                bytesSent.increment(bytes);
            }

            @Override
            public void requestTimedOut() {
                timeouts.increment();
            }
        };
    }

    /**
     * Once per socket name and type: a restarted listener (or any socket created again under its name) gets the
     * meters of the first, since registering the gauge again would be ignored by Micrometer with a warning. The
     * first supplier stays, which is why the contract asks it to look the current socket up by name.
     */
    @Override
    public SocketEventMeters forSocketEvents(String name, SocketType type, IntSupplier connectedPeers) {
        return eventMeters.computeIfAbsent(
                new SocketKey(name, type), key -> registerEventMeters(name, type, connectedPeers));
    }

    private SocketEventMeters registerEventMeters(String name, SocketType type, IntSupplier connectedPeers) {
        Tags tags = tags(name, type);
        // Strong reference: the supplier is a small lambda nobody else holds, and Micrometer keeps gauges weakly.
        Gauge.builder("zmq.peers.connected", connectedPeers, IntSupplier::getAsInt)
                .tags(tags)
                .strongReference(true)
                .description("Peers connected to the socket with a completed handshake")
                .register(registry);
        Counter reconnects = Counter.builder("zmq.reconnects")
                .tags(tags)
                .description("Connect attempts the socket scheduled again (CONNECT_RETRIED events)")
                .register(registry);
        // One counter per reason, registered up front: the I/O thread that reports a failure only increments.
        EnumMap<HandshakeFailure, Counter> handshakeFailures = new EnumMap<>(HandshakeFailure.class);
        for (HandshakeFailure reason : HandshakeFailure.values()) {
            handshakeFailures.put(
                    reason,
                    Counter.builder("zmq.handshake.failures")
                            .tags(tags.and("reason", reason.tag()))
                            .description("Handshakes of the socket's connections that failed, by reason")
                            .register(registry));
        }
        return new SocketEventMeters() {
            @Override
            public void reconnectScheduled() {
                reconnects.increment();
            }

            @Override
            public void handshakeFailed(HandshakeFailure reason) {
                handshakeFailures.get(reason).increment();
            }
        };
    }

    @Override
    public void registerListenerTimer(String listenerId, SocketType socketType) {
        registerSuccessTimer(ZmqObservations.LISTENER, Tags.of("listener", listenerId), socketType);
    }

    @Override
    public void registerTemplateRequestTimer(String socketName, SocketType declaredType) {
        registerSuccessTimer(ZmqObservations.TEMPLATE_REQUEST, Tags.of("socket", socketName), declaredType);
    }

    /**
     * The timer the observation handler ({@code DefaultMeterObservationHandler}) records a successful call in: the
     * observation's low-cardinality tags plus its {@code error} tag, so the handler finds this one instead of
     * registering a second meter with another set of tag keys, which Prometheus would refuse.
     */
    private void registerSuccessTimer(String name, Tags identity, SocketType socketType) {
        Timer.builder(name)
                .tags(identity.and(
                        "socket.type",
                        socketType.name(),
                        ZmqObservations.OUTCOME,
                        ZmqObservations.SUCCESS,
                        OBSERVATION_ERROR_TAG,
                        NO_ERROR))
                .register(registry);
    }

    private record SocketKey(String name, SocketType type) {}

    private static Tags tags(String name, SocketType type) {
        return Tags.of("socket", name, "socket.type", type.name());
    }
}
