package dev.zmq4j.spring.annotation;

import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.config.MethodZmqListenerEndpoint;
import dev.zmq4j.spring.config.SendToTarget;
import dev.zmq4j.spring.config.ZmqListenerContainerFactory;
import dev.zmq4j.spring.config.ZmqListenerEndpointRegistry;
import dev.zmq4j.spring.config.ZmqSocketDeclarations;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link ZmqListener} methods on every bean, resolves them into endpoints as the bean is created (so a wrong
 * attribute fails startup early), and once all singletons exist registers each endpoint with the
 * {@link ZmqListenerEndpointRegistry} through its container factory. A bean created later (lazy, prototype) has
 * its listeners registered at once, and started when the registry is running, as spring-kafka does. The other
 * spring-messaging annotations of a listener method are checked here too ({@link ListenerMethodAnnotations}).
 */
public class ZmqListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {
    /** Bean name of the container factory used when a listener names none. */
    public static final String DEFAULT_CONTAINER_FACTORY = "zmqListenerContainerFactory";

    /** Guarded by this: lazy beans may be created on any thread. */
    private final List<MethodZmqListenerEndpoint> endpoints = new ArrayList<>();
    /** The {@code zmq.sockets} keys that listeners name; guarded by this. */
    private final Set<String> listenedSockets = new HashSet<>();

    private ConfigurableBeanFactory beanFactory;
    private ListenerDefinitionResolver resolver;
    private ListenerMethodAnnotations methodAnnotations;
    /** After the singletons: register new endpoints immediately instead of collecting them. */
    private volatile boolean registerImmediately;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, ZmqListener> annotated =
                MethodIntrospector.selectMethods(targetClass, (MethodIntrospector.MetadataLookup<ZmqListener>)
                        method -> AnnotatedElementUtils.findMergedAnnotation(method, ZmqListener.class));
        annotated.forEach((method, listener) -> {
            ListenerDefinition definition = resolver().resolve(listener, beanName, method.getName());
            SendToTarget sendTo = methodAnnotations().resolve(targetClass, method, beanName);
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            addEndpoint(new MethodZmqListenerEndpoint(
                    bean,
                    invocable,
                    definition,
                    emptyToNull(beanFactory.resolveEmbeddedValue(listener.errorHandler())),
                    emptyToNull(beanFactory.resolveEmbeddedValue(listener.containerFactory())),
                    sendTo));
        });
        if (registerImmediately) {
            registerCollected();
        }
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        registerCollected();
        registerImmediately = true;
        ZmqSocketDeclarations declarations =
                beanFactory.getBeanProvider(ZmqSocketDeclarations.class).getIfAvailable();
        if (declarations != null) {
            synchronized (this) {
                UnservedSocketWarnings.report(declarations, listenedSockets);
            }
        }
    }

    private synchronized void addEndpoint(MethodZmqListenerEndpoint endpoint) {
        endpoints.add(endpoint);
        String declared = endpoint.definition().declaredSocket();
        if (declared != null) {
            listenedSockets.add(declared);
        }
    }

    private synchronized void registerCollected() {
        if (endpoints.isEmpty()) {
            return;
        }
        ZmqListenerEndpointRegistry registry = beanFactory.getBean(ZmqListenerEndpointRegistry.class);
        for (MethodZmqListenerEndpoint endpoint : endpoints) {
            String factoryName = endpoint.containerFactoryBeanName() != null
                    ? endpoint.containerFactoryBeanName()
                    : DEFAULT_CONTAINER_FACTORY;
            registry.registerListenerContainer(
                    endpoint, beanFactory.getBean(factoryName, ZmqListenerContainerFactory.class));
        }
        endpoints.clear();
    }

    private ListenerMethodAnnotations methodAnnotations() {
        if (methodAnnotations == null) {
            methodAnnotations =
                    new ListenerMethodAnnotations(beanFactory.getBean(ZmqSocketDeclarations.class), this::resolveValue);
        }
        return methodAnnotations;
    }

    private ListenerDefinitionResolver resolver() {
        if (resolver == null) {
            resolver = new ListenerDefinitionResolver(
                    beanFactory.getBean(ZmqSocketDeclarations.class), this::resolveValue);
        }
        return resolver;
    }

    /** Placeholders first, then {@code #{...}} expressions, as spring-kafka resolves its annotation attributes. */
    private String resolveValue(String value) {
        String resolved = beanFactory.resolveEmbeddedValue(value);
        BeanExpressionResolver expressions = beanFactory.getBeanExpressionResolver();
        if (resolved == null || expressions == null) {
            return resolved;
        }
        Object evaluated = expressions.evaluate(resolved, new BeanExpressionContext(beanFactory, null));
        return evaluated == null ? null : evaluated.toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
