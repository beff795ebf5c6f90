package dev.zmq4j.spring.autoconfigure;

import dev.zmq4j.spring.health.ZmqHealthContributor;
import dev.zmq4j.spring.support.ZmqSocketRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health for the starter's sockets: the composite contributor {@code zmqHealthContributor}, which the
 * actuator lists as {@code zmq} with one child per socket. Only when Spring Boot's health module is present
 * ({@code spring-boot-health}, brought by {@code spring-boot-starter-actuator}) and
 * {@code management.health.zmq.enabled} is not false (it follows {@code management.health.defaults.enabled}).
 * The enabled condition sits on the method: on the class, its condition class would be resolved before
 * {@code @ConditionalOnClass} could skip the class when the health module is absent.
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ZmqSocketRegistry.class)
public class ZmqHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "zmqHealthContributor")
    @ConditionalOnEnabledHealthIndicator("zmq")
    public ZmqHealthContributor zmqHealthContributor(ZmqSocketRegistry registry, ZmqProperties properties) {
        return new ZmqHealthContributor(registry, properties.getHealth().getConnectGracePeriod());
    }
}
