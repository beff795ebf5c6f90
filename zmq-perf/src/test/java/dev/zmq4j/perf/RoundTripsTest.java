package dev.zmq4j.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** remote_lat's percentile and warm-mean lines, from known round trips. */
class RoundTripsTest {
    private static String printed(RoundTrips roundTrips) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        roundTrips.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintNearestRankPercentilesOfHalfTheRoundTrips() {
        RoundTrips roundTrips = new RoundTrips(1000, 0);
        // Recorded out of order: 2 us, 4 us, ... 2000 us round trips, i.e. 1 to 1000 us one way.
        for (int i = 1000; i >= 1; i--) {
            roundTrips.record(i * 2_000L);
        }
        assertThat(printed(roundTrips))
                .isEqualTo("latency percentiles: p50 500.000 p90 900.000 p99 990.000 p99.9 999.000 max 1000.000 [us]"
                        + System.lineSeparator());
    }

    @Test
    void shouldLeaveTheWarmUpOutOfTheWarmMeanAndThePercentiles() {
        RoundTrips roundTrips = new RoundTrips(4, 2);
        roundTrips.record(1_000_000); // the set-up: 500 us one way, left out
        roundTrips.record(800_000);
        roundTrips.record(20_000);
        roundTrips.record(40_000);
        assertThat(printed(roundTrips).lines())
                .containsExactly(
                        "warm-up roundtrips: 2",
                        "warm average latency: 15.000 [us]",
                        "latency percentiles: p50 10.000 p90 20.000 p99 20.000 p99.9 20.000 max 20.000 [us]");
    }

    @Test
    void shouldHaveNearestRankPercentilesForFewValues() {
        long[] one = {7};
        assertThat(RoundTrips.percentile(one, 0.5)).isEqualTo(7);
        assertThat(RoundTrips.percentile(one, 0.999)).isEqualTo(7);
        long[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(RoundTrips.percentile(ten, 0.5)).isEqualTo(5);
        assertThat(RoundTrips.percentile(ten, 0.9)).isEqualTo(9);
        assertThat(RoundTrips.percentile(ten, 0.99)).isEqualTo(10);
    }

    @Test
    void shouldPrintPercentilesOfWholeRoundTripsForManyPeers() {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (1000 - i) * 1_000L; // 1000 us down to 1 us, out of order
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RoundTrips.printWholeRoundTrips(new PrintStream(bytes, true, StandardCharsets.UTF_8), nanos);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("round-trip percentiles: p50 500.000 p90 900.000 p99 990.000 p99.9 999.000 max 1000.000 [us]"
                        + System.lineSeparator());
    }
}
