package dev.zmq4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.health.ZmqHealthContributor;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the zmq health contributor exists, what it is called, and how it backs off. */
class ZmqHealthContributorAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ZmqAutoConfiguration.class,
                    ZmqHealthContributorAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class));

    @Test
    void shouldRegisterTheZmqCompositeContributor() {
        runner.withPropertyValues("zmq.sockets.out.type=PUSH", "zmq.sockets.out.bind=tcp://127.0.0.1:*")
                .run(context -> {
                    assertThat(context).hasSingleBean(ZmqSocketRegistry.class);
                    assertThat(context).getBean("zmqHealthContributor").isInstanceOf(ZmqHealthContributor.class);
                    HealthContributor zmq =
                            context.getBean(HealthContributorRegistry.class).getContributor("zmq");
                    assertThat(zmq).isInstanceOf(CompositeHealthContributor.class);
                    assertThat(((CompositeHealthContributor) zmq).getContributor("out"))
                            .isNotNull();
                });
    }

    @Test
    void shouldBackOffWhenDisabled() {
        runner.withPropertyValues("management.health.zmq.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("zmqHealthContributor");
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("zmq"))
                    .isNull();
            assertThat(context).as("tracking still feeds the meters").hasSingleBean(ZmqSocketRegistry.class);
        });
    }

    @Test
    void shouldFollowTheHealthDefaults() {
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("zmqHealthContributor"));
        runner.withPropertyValues("management.health.defaults.enabled=false", "management.health.zmq.enabled=true")
                .run(context -> assertThat(context).hasBean("zmqHealthContributor"));
    }

    @Test
    void shouldBackOffWithoutTheHealthModule() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqHealthContributorAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("zmqHealthContributor");
                    assertThat(context).hasSingleBean(ZmqSocketRegistry.class);
                });
    }

    @Test
    void shouldKeepTheApplicationsContributorAndRegistry() {
        ZmqSocketRegistry ownRegistry = new ZmqSocketRegistry(ZmqMetrics.NOOP);
        ZmqHealthContributor own = new ZmqHealthContributor(ownRegistry, Duration.ofSeconds(1));
        runner.withBean("zmqHealthContributor", ZmqHealthContributor.class, () -> own)
                .withBean(ZmqSocketRegistry.class, () -> ownRegistry)
                .run(context -> {
                    assertThat(context).getBean("zmqHealthContributor").isSameAs(own);
                    assertThat(context).getBean(ZmqSocketRegistry.class).isSameAs(ownRegistry);
                });
    }

    @Test
    void shouldBindTheConnectGracePeriod() {
        runner.withPropertyValues("zmq.health.connect-grace-period=250ms")
                .run(context -> assertThat(
                                context.getBean(ZmqProperties.class).getHealth().getConnectGracePeriod())
                        .isEqualTo(Duration.ofMillis(250)));
        runner.run(context -> assertThat(
                        context.getBean(ZmqProperties.class).getHealth().getConnectGracePeriod())
                .isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void shouldRejectANegativeGracePeriod() {
        runner.withPropertyValues("zmq.health.connect-grace-period=-1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("zmq.health.connect-grace-period");
        });
    }

    /** A bind that fails throws, so the application does not start; there is no DOWN socket to report. */
    @Test
    void shouldFailStartupWhenABindFails() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            runner.withPropertyValues(
                            "zmq.sockets.out.type=PUSH", "zmq.sockets.out.bind=tcp://127.0.0.1:" + taken.getLocalPort())
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Address");
                        StringBuilder messages = new StringBuilder();
                        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                            messages.append(t.getMessage()).append('\n');
                        }
                        assertThat(messages.toString()).contains("zmq.sockets.out.bind");
                    });
        }
    }
}
