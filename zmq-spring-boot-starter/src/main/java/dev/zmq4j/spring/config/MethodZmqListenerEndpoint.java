package dev.zmq4j.spring.config;

import java.lang.reflect.Method;

/**
 * A {@code @ZmqListener} method on a bean, with its resolved definition and the names of an optional error
 * handler and container factory bean. Immutable; built by the annotation post-processor.
 */
public record MethodZmqListenerEndpoint(
        Object bean,
        Method method,
        ListenerDefinition definition,
        String errorHandlerBeanName,
        String containerFactoryBeanName) {

    public String listenerId() {
        return definition.listenerId();
    }
}
