package dev.zmq4j.perf.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short soak of the suite: thirty seconds of every pattern with libzmq chaos peers killed about every 400 ms.
 * Every pattern's guarantee must hold and closing the context must give back every zmq4j thread and descriptor;
 * the report is the failure message. The long soak is {@code zmq-perf/bin/soak}.
 */
class SoakTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyGuaranteeHoldsWhilePeersAreKilled() throws Exception {
        SoakReport report = Soak.run(
                new SoakSettings(Duration.ofSeconds(30), Duration.ofMillis(400), 1_000, Duration.ofSeconds(10)));

        assertThat(report.allFailures()).as(report.toMarkdown()).isEmpty();
        assertThat(report.restarts())
                .as("chaos restarts\n" + report.toMarkdown())
                .isGreaterThan(10);
        assertThat(report.flows()).as(report.toMarkdown()).hasSize(4).allSatisfy(flow -> {
            assertThat(flow.received()).as(flow.pattern() + " steady messages").isPositive();
            assertThat(flow.lost()).as(flow.pattern() + " lost").isZero();
        });
        assertThat(report.flows().get(2).chaosReceived())
                .as("pipeline messages from killed producers")
                .isPositive();
    }
}
