package dev.zmq4j.spring.autoconfigure;

import dev.zmq4j.spring.metrics.MicrometerZmqMetrics;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the starter's sockets, only when Micrometer is on the classpath and a {@link MeterRegistry}
 * bean exists. When the application has no {@link ObservationRegistry} (no observation module), a private one
 * turns the starter's observations into timers ({@code zmq.listener}, {@code zmq.template.request}), so the timers
 * exist either way and come from one instrumentation path.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class ZmqMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ZmqMetrics zmqMetrics(MeterRegistry registry) {
        return new MicrometerZmqMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean(ObservationRegistry.class)
    public ObservationRegistry zmqObservationRegistry(MeterRegistry registry) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        return observations;
    }
}
