package dev.zmq4j.spring.test;

import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * What {@link ZmqTest} does to the context before it is refreshed: the endpoint overrides of
 * {@link EphemeralEndpoints} in a property source ahead of all others (named {@value #PROPERTY_SOURCE}), and the
 * {@link ZmqTestClients} and (with capture) {@link ZmqListenerTestHarness} beans. Equal when its attributes are, as
 * the test context cache requires. Immutable.
 */
final class ZmqTestContextCustomizer implements ContextCustomizer {
    static final String PROPERTY_SOURCE = "zmq.test.endpoints";
    static final String CLIENTS_BEAN = "zmqTestClients";
    static final String HARNESS_BEAN = "zmqListenerTestHarness";

    private final boolean ephemeralEndpoints;
    private final boolean capture;

    ZmqTestContextCustomizer(boolean ephemeralEndpoints, boolean capture) {
        this.ephemeralEndpoints = ephemeralEndpoints;
        this.capture = capture;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        if (ephemeralEndpoints) {
            Map<String, Object> overrides = EphemeralEndpoints.overrides(context.getEnvironment());
            if (!overrides.isEmpty()) {
                context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource(PROPERTY_SOURCE, overrides));
            }
        }
        if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
            throw new IllegalStateException("@ZmqTest needs a context whose bean factory takes bean definitions, not "
                    + context.getBeanFactory().getClass().getName());
        }
        register(registry, CLIENTS_BEAN, ZmqTestClients.class);
        if (capture) {
            register(registry, HARNESS_BEAN, ZmqListenerTestHarness.class);
        }
    }

    private static void register(BeanDefinitionRegistry registry, String name, Class<?> type) {
        RootBeanDefinition definition = new RootBeanDefinition(type);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(name, definition);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZmqTestContextCustomizer that
                && ephemeralEndpoints == that.ephemeralEndpoints
                && capture == that.capture;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ephemeralEndpoints, capture);
    }
}
