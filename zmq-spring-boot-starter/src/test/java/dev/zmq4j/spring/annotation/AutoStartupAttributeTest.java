package dev.zmq4j.spring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code autoStartup} takes true or false, placeholders included; a typo fails startup instead of meaning false. */
class AutoStartupAttributeTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
            .withUserConfiguration(Listeners.class);

    @Test
    void shouldReadTrueAndFalseInAnyCase() {
        runner.withPropertyValues("listener.start=FALSE").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ZmqListenerEndpointRegistry.class)
                            .getListenerContainer("maybe")
                            .isAutoStartup())
                    .isFalse();
        });
    }

    @Test
    void shouldRefuseAnythingElseNamingTheAttribute() {
        runner.withPropertyValues("listener.start=flase").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("@ZmqListener on listener.handle autoStartup")
                    .hasMessageContaining("must be true or false, not 'flase'");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        @Bean
        Listener listener() {
            return new Listener();
        }
    }

    static class Listener {
        @ZmqListener(id = "maybe", type = "PULL", bind = "tcp://127.0.0.1:*", autoStartup = "${listener.start}")
        void handle(String message) {}
    }
}
