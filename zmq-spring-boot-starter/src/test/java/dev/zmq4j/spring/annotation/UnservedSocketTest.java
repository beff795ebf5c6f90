package dev.zmq4j.spring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.spring.autoconfigure.ZmqAutoConfiguration;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A declared receiving socket that no {@code @ZmqListener} names is never bound: startup warns naming it, and says
 * nothing about the one a listener serves or about a sending socket (which becomes a template).
 */
@ExtendWith(OutputCaptureExtension.class)
class UnservedSocketTest {

    @Test
    void shouldWarnAboutADeclaredReceivingSocketNoListenerNames(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
                .withUserConfiguration(ServedConfiguration.class)
                .withPropertyValues(
                        "zmq.sockets.orphan.type=PULL",
                        "zmq.sockets.orphan.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.served.type=PULL",
                        "zmq.sockets.served.bind=tcp://127.0.0.1:*",
                        "zmq.sockets.outbox.type=PUSH",
                        "zmq.sockets.outbox.bind=tcp://127.0.0.1:*")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ZmqListenerEndpointRegistry.class)
                                    .getListenerContainer("served")
                                    .isRunning())
                            .isTrue();
                });
        assertThat(output.getOut())
                .contains("zmq.sockets.orphan (PULL) is declared but no @ZmqListener(socket = \"orphan\") names it,"
                        + " so it is never created, bound or connected")
                .doesNotContain("zmq.sockets.served (PULL) is declared")
                .doesNotContain("zmq.sockets.outbox");
    }

    static class Served {
        @ZmqListener(socket = "served")
        void handle(String message) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class ServedConfiguration {
        @Bean
        Served served() {
            return new Served();
        }
    }
}
