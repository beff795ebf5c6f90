package dev.zmq4j.perf.soak;

import java.time.Duration;

/**
 * How long to soak, how often the monkey kills a chaos peer (on average), how many messages a second each
 * producer sends, and how often resources are sampled.
 */
record SoakSettings(Duration duration, Duration killEvery, int rate, Duration sampleEvery) {
    SoakSettings {
        if (duration.isNegative()
                || duration.isZero()
                || killEvery.toMillis() < 2
                || rate < 1
                || sampleEvery.isNegative()
                || sampleEvery.isZero()) {
            throw new IllegalArgumentException("invalid soak settings: " + duration + ", kill every " + killEvery + ", "
                    + rate + " msg/s, sample every " + sampleEvery);
        }
    }
}
