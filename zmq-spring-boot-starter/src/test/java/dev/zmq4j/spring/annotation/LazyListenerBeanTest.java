package dev.zmq4j.spring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * A {@code @ZmqListener} on a bean created after the singletons were instantiated (a {@code @Lazy} bean, first used
 * later) is registered and started at once, as spring-kafka does with late listeners, instead of never listening.
 */
class LazyListenerBeanTest {

    @Test
    void shouldRegisterAndStartAListenerOfABeanCreatedAfterStartup() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
                .withUserConfiguration(LazyConfiguration.class)
                .run(context -> {
                    context.getBean(LateService.class); // first use after startup creates the bean
                    ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
                    assertThat(registry.getListenerContainerIds())
                            .as("listener ids")
                            .contains("late");
                    assertThat(registry.getListenerContainer("late").isRunning())
                            .isTrue();
                });
    }

    static class LateService {
        @ZmqListener(id = "late", type = "PULL", bind = "tcp://127.0.0.1:*")
        void handle(String message) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyConfiguration {
        @Bean
        @Lazy
        LateService lateService() {
            return new LateService();
        }
    }
}
