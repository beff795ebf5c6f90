package dev.zmq4j.spring.test.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.core.ZmqRemoteException;
import dev.zmq4j.spring.listener.ZmqListenerContainer;
import dev.zmq4j.spring.test.ListenerInvocation;
import dev.zmq4j.spring.test.ZmqListenerTestHarness;
import dev.zmq4j.spring.test.ZmqTest;
import dev.zmq4j.spring.test.ZmqTestClients;
import dev.zmq4j.spring.test.sample.SampleApplication.Job;
import dev.zmq4j.spring.test.sample.SampleApplication.Quote;
import dev.zmq4j.spring.test.sample.SampleApplication.QuoteRequest;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The harness records each {@code @ZmqListener} call by id: arguments, result, exception; cleared between tests. */
@SpringBootTest
@ZmqTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZmqListenerTestHarnessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ZmqTestClients clients;

    @Autowired
    ZmqListenerTestHarness harness;

    @Autowired
    ZmqListenerEndpointRegistry registry;

    @Test
    @Order(1)
    void shouldCaptureTheArgumentsAndTheResult() throws InterruptedException {
        assertThat(harness.capturedIds()).containsExactlyInAnyOrder("quotes", "jobs");
        clients.req("quotes").request(new QuoteRequest("ACME"), Quote.class);
        ListenerInvocation call = harness.awaitInvocation("quotes", WAIT);
        assertThat(call.listenerId()).isEqualTo("quotes");
        assertThat(call.<QuoteRequest>argument(0)).isEqualTo(new QuoteRequest("ACME"));
        assertThat(call.result()).isEqualTo(new Quote("ACME", 42.5));
        assertThat(call.failed()).isFalse();
    }

    @Test
    @Order(2)
    void shouldStartEachTestWithNothingCaptured() throws InterruptedException {
        assertThat(harness.getInvocations("quotes")).isEmpty();
        clients.push("jobs").send(new Job("j-2")).send(new Job("j-3"));
        assertThat(harness.awaitInvocation("jobs", WAIT).<Job>argument(0)).isEqualTo(new Job("j-2"));
        assertThat(harness.awaitInvocation("jobs", WAIT).<Job>argument(0)).isEqualTo(new Job("j-3"));
        assertThat(harness.getInvocations("jobs"))
                .extracting(ListenerInvocation::result)
                .containsExactly(null, null);
    }

    @Test
    @Order(3)
    void shouldCaptureWhatTheListenerThrew() throws InterruptedException {
        assertThatThrownBy(() -> clients.req("quotes").request(new QuoteRequest("NONE"), Quote.class))
                .isInstanceOf(ZmqRemoteException.class);
        ListenerInvocation call = harness.awaitInvocation("quotes", WAIT);
        assertThat(call.failed()).isTrue();
        assertThat(call.failure()).isInstanceOf(IllegalArgumentException.class).hasMessage("unknown symbol NONE");
        assertThat(call.result()).isNull();
    }

    @Test
    @Order(5)
    void shouldCaptureAPausedListenerOnlyOnceResumed() throws InterruptedException {
        ZmqListenerContainer jobs = registry.getListenerContainer("jobs");
        jobs.pause();
        try {
            await().atMost(WAIT).until(jobs::isContainerPaused);
            clients.push("jobs").send(new Job("j-4"));
            assertThatThrownBy(() -> harness.awaitInvocation("jobs", Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class);
        } finally {
            jobs.resume();
        }
        assertThat(harness.awaitInvocation("jobs", WAIT).<Job>argument(0)).isEqualTo(new Job("j-4"));
    }

    @Test
    @Order(4)
    void shouldFailABoundedWaitNamingTheListener() {
        assertThatThrownBy(() -> harness.awaitInvocation("quotes", Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("@ZmqListener 'quotes' was not called within PT0.05S");
        assertThatThrownBy(() -> harness.awaitInvocation("qoutes", Duration.ofMillis(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no listener has that id (captured: [jobs, quotes])");
    }
}
