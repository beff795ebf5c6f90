package dev.zmq4j.spring.metrics;

import dev.zmq4j.SocketType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counters per socket in a {@link MeterRegistry}: {@code zmq.messages.sent}, {@code zmq.messages.received},
 * {@code zmq.bytes.sent}, {@code zmq.bytes.received} and {@code zmq.template.request.timeouts}, tagged with the
 * socket name and type only. Thread-safe.
 */
public final class MicrometerZmqMetrics implements ZmqMetrics {
    private final MeterRegistry registry;

    public MicrometerZmqMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public SocketMeters forSocket(String name, SocketType type) {
        Tags tags = Tags.of("socket", name, "socket.type", type.name());
        Counter messagesSent = Counter.builder("zmq.messages.sent").tags(tags)
                .description("Messages sent by the socket").register(registry);
        Counter messagesReceived = Counter.builder("zmq.messages.received").tags(tags)
                .description("Messages received by the socket").register(registry);
        Counter bytesSent = Counter.builder("zmq.bytes.sent").tags(tags).baseUnit("bytes")
                .description("Bytes sent by the socket, all frames").register(registry);
        Counter bytesReceived = Counter.builder("zmq.bytes.received").tags(tags).baseUnit("bytes")
                .description("Bytes received by the socket, all frames").register(registry);
        Counter timeouts = Counter.builder("zmq.template.request.timeouts").tags(tags)
                .description("Template requests that got no reply in time").register(registry);
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
}
