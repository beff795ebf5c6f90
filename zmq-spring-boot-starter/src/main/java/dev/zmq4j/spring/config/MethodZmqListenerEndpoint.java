package dev.zmq4j.spring.config;

import java.lang.reflect.Method;

/**
 * A {@code @ZmqListener} method on a bean, with its resolved definition, the names of an optional error handler
 * and container factory bean, and where its {@code @SendTo} forwards results (null without one). Immutable; built
 * by the annotation post-processor.
 */
public record MethodZmqListenerEndpoint(
        Object bean,
        Method method,
        ListenerDefinition definition,
        String errorHandlerBeanName,
        String containerFactoryBeanName,
        SendToTarget sendTo) {

    /** An endpoint without {@code @SendTo}. */
    public MethodZmqListenerEndpoint(
            Object bean,
            Method method,
            ListenerDefinition definition,
            String errorHandlerBeanName,
            String containerFactoryBeanName) {
        this(bean, method, definition, errorHandlerBeanName, containerFactoryBeanName, null);
    }

    public String listenerId() {
        return definition.listenerId();
    }
}
