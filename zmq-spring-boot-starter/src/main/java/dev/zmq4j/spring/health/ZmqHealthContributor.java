package dev.zmq4j.spring.health;

import dev.zmq4j.spring.support.ZmqSocketRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The {@code zmq} health group: one {@link ZmqSocketHealthIndicator} per open socket in the
 * {@link ZmqSocketRegistry}, named after the socket ({@code /actuator/health/zmq/<socketName>}). Read through
 * the registry on every call, so sockets created later (an inline listener starting, a template made by the
 * application through {@code ZmqTemplateFactory}) appear, and closed ones disappear, without re-registration.
 * Thread-safe.
 */
public final class ZmqHealthContributor implements CompositeHealthContributor {
    private final ZmqSocketRegistry registry;
    private final Duration connectGracePeriod;
    private final Clock clock;

    public ZmqHealthContributor(ZmqSocketRegistry registry, Duration connectGracePeriod) {
        this(registry, connectGracePeriod, Clock.systemUTC());
    }

    public ZmqHealthContributor(ZmqSocketRegistry registry, Duration connectGracePeriod, Clock clock) {
        this.registry = registry;
        this.connectGracePeriod = connectGracePeriod;
        this.clock = clock;
    }

    @Override
    public HealthContributor getContributor(String name) {
        SocketHealthTracker tracker = registry.tracker(name);
        return tracker == null ? null : indicator(tracker);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return registry.trackers().entrySet().stream()
                .map(entry -> new HealthContributors.Entry(entry.getKey(), indicator(entry.getValue())));
    }

    private ZmqSocketHealthIndicator indicator(SocketHealthTracker tracker) {
        return new ZmqSocketHealthIndicator(tracker, connectGracePeriod, clock);
    }
}
