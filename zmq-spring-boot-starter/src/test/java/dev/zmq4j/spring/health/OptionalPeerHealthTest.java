package dev.zmq4j.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.autoconfigure.ZmqHealthContributorAutoConfiguration;
import dev.zmq4j.spring.health.SocketHealthTrackerTest.TestClock;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code zmq.sockets.<name>.health.require-peer=false}: a connecting socket whose peer never came is still reported,
 * with how long it has been without one, but stays UP past the grace period, while a socket that needs its peer
 * turns DOWN. Both connect over ipc to a path nothing binds; the health clock is moved by hand, so nothing waits.
 */
class OptionalPeerHealthTest {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final TestClock clock = new TestClock();
    private final ZmqSocketRegistry registry = new ZmqSocketRegistry(ZmqMetrics.NOOP, clock);
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ZmqAutoConfiguration.class,
                    ZmqHealthContributorAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class))
            .withBean(ZmqSocketRegistry.class, () -> registry)
            .withBean(
                    "zmqHealthContributor",
                    ZmqHealthContributor.class,
                    () -> new ZmqHealthContributor(registry, GRACE, clock));

    @TempDir
    Path directory;

    @Test
    void shouldStayUpWithoutAPeerWhenNoneIsRequired() {
        String nobody = "ipc://" + directory.resolve("nobody-binds-this.sock");
        runner.withPropertyValues(
                        "zmq.sockets.audit.type=DEALER",
                        "zmq.sockets.audit.connect=" + nobody,
                        "zmq.sockets.audit.health.require-peer=false",
                        "zmq.sockets.orders.type=DEALER",
                        "zmq.sockets.orders.connect=" + nobody)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CompositeHealthContributor zmq = (CompositeHealthContributor)
                            context.getBean(HealthContributorRegistry.class).getContributor("zmq");

                    clock.advance(GRACE.plusSeconds(1));

                    Health optional = health(zmq, "audit");
                    assertThat(optional.getStatus()).isEqualTo(Status.UP);
                    assertThat(optional.getDetails())
                            .containsEntry("state", "connecting")
                            .containsEntry("peerRequired", false)
                            .containsEntry("peers", 0)
                            .containsEntry(
                                    "withoutPeerFor", GRACE.plusSeconds(1).toString())
                            .doesNotContainKey("reason");
                    Health required = health(zmq, "orders");
                    assertThat(required.getStatus())
                            .as("the control: the same socket needing its peer, %s", required.getDetails())
                            .isEqualTo(Status.DOWN);
                    assertThat(required.getDetails()).doesNotContainKey("peerRequired");
                });
    }

    private static Health health(CompositeHealthContributor zmq, String socket) {
        HealthIndicator indicator = (HealthIndicator) zmq.getContributor(socket);
        assertThat(indicator).as("health of socket '%s'", socket).isNotNull();
        return indicator.health();
    }
}
