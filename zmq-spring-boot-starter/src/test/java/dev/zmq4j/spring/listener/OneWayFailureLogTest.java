package dev.zmq4j.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import dev.zmq4j.spring.annotation.ZmqListener;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A failing one-way (PULL) listener logs that the message is dropped, not that it answers: there is no reply. */
@ExtendWith(OutputCaptureExtension.class)
class OneWayFailureLogTest {

    @Test
    void shouldLogThatAFailedOneWayMessageIsDropped(CapturedOutput output) throws InterruptedException {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class).run();
                Context clients = Context.create();
                Socket push = clients.socket(SocketType.PUSH)) {
            Jobs jobs = app.getBean(Jobs.class);
            push.set(SocketOption.LINGER, 1000);
            push.connect(app.getBean(ZmqListenerEndpointRegistry.class)
                    .getListenerContainer("jobs")
                    .getBoundEndpoints()
                    .get(0));
            push.send("boom");
            push.send("fine");
            // One thread handles the messages in order: once "fine" is in, the failure of "boom" has been logged.
            assertThat(jobs.done.poll(10, TimeUnit.SECONDS))
                    .as("the listener survived the failure and took the next message")
                    .isEqualTo("fine");
        }
        assertThat(output.getOut())
                .contains("zmq listener 'jobs' failed; the message is dropped (a one-way socket has no reply)")
                .doesNotContain("answering with an error reply");
    }

    static class Jobs {
        final BlockingQueue<String> done = new LinkedBlockingQueue<>();

        @ZmqListener(id = "jobs", type = "PULL", bind = "tcp://127.0.0.1:*")
        void run(String job) {
            if (job.equals("boom")) {
                throw new IllegalStateException("refusing " + job);
            }
            done.add(job);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {
        @Bean
        Jobs jobs() {
            return new Jobs();
        }
    }
}
