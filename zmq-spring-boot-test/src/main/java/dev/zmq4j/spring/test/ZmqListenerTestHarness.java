package dev.zmq4j.spring.test;

import dev.zmq4j.spring.config.MethodZmqListenerEndpoint;
import dev.zmq4j.spring.config.ZmqListenerContainerFactory;
import dev.zmq4j.spring.listener.ZmqListenerContainer;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Captures every call of the application's {@code @ZmqListener} methods, by listener id, in the manner of
 * spring-amqp's {@code RabbitListenerTestHarness}: the arguments as converted, the return value, the exception
 * thrown. A bean of every {@link ZmqTest} context (unless {@code capture = false}); inject it into the test:
 *
 * <pre>{@code
 * clients.push("jobs").send(new Job("j-1"));
 * ListenerInvocation call = harness.awaitInvocation("jobs", Duration.ofSeconds(5));
 * assertThat(call.<Job>argument(0).id()).isEqualTo("j-1");
 * }</pre>
 *
 * <p>How: as a {@link BeanPostProcessor} it wraps each {@link ZmqListenerContainerFactory} bean, so that the
 * factory is handed each listener's bean behind a Spring AOP proxy whose advice records the calls of the listener
 * method and passes them on unchanged. So a listener whose bean class cannot be proxied (final) is not captured; its
 * id is named when {@link #awaitInvocation} times out. The captures are cleared after each test method
 * ({@link ZmqTestExecutionListener}). Thread-safe: listener threads record, the test reads.
 */
public class ZmqListenerTestHarness implements BeanPostProcessor {
    private static final Log LOG = LogFactory.getLog(ZmqListenerTestHarness.class);

    private final Map<String, BlockingQueue<ListenerInvocation>> unread = new ConcurrentHashMap<>();
    private final Map<String, List<ListenerInvocation>> all = new ConcurrentHashMap<>();
    private final Set<String> captured = ConcurrentHashMap.newKeySet();
    private final Map<String, String> notCaptured = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ZmqListenerContainerFactory factory && !(bean instanceof CapturingFactory)) {
            return new CapturingFactory(factory);
        }
        return bean;
    }

    /**
     * The next call of listener {@code listenerId} not returned by this method before (the first call, then the
     * second, ...), waiting up to {@code timeout} for it.
     *
     * @throws AssertionError when there is none within the timeout
     */
    public ListenerInvocation awaitInvocation(String listenerId, Duration timeout) throws InterruptedException {
        ListenerInvocation next = queue(listenerId).poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next != null) {
            return next;
        }
        String why = notCaptured.containsKey(listenerId)
                ? "; it is not captured: " + notCaptured.get(listenerId)
                : captured.contains(listenerId) ? "" : "; no listener has that id (captured: " + capturedIds() + ")";
        throw new AssertionError("@ZmqListener '" + listenerId + "' was not called within " + timeout + why);
    }

    /** Every call of listener {@code listenerId} since the test method began, in order; a copy. */
    public List<ListenerInvocation> getInvocations(String listenerId) {
        return List.copyOf(all.getOrDefault(listenerId, List.of()));
    }

    /** The ids of the listeners whose calls are captured. */
    public Set<String> capturedIds() {
        return Collections.unmodifiableSet(new TreeSet<>(captured));
    }

    /** Forgets every call captured so far; done after each test method. */
    public void reset() {
        unread.clear();
        all.clear();
    }

    private BlockingQueue<ListenerInvocation> queue(String listenerId) {
        return unread.computeIfAbsent(listenerId, id -> new LinkedBlockingQueue<>());
    }

    private void record(ListenerInvocation invocation) {
        all.computeIfAbsent(invocation.listenerId(), id -> new CopyOnWriteArrayList<>())
                .add(invocation);
        queue(invocation.listenerId()).add(invocation);
    }

    /** The listener's bean behind a proxy recording the calls of {@code method}, or the bean itself if it cannot. */
    private Object capturing(String listenerId, Object bean, Method method) {
        ProxyFactory proxy = new ProxyFactory(bean);
        if (AopUtils.isJdkDynamicProxy(bean)) {
            proxy.setInterfaces(ClassUtils.getAllInterfaces(bean));
        } else {
            proxy.setProxyTargetClass(true);
        }
        proxy.addAdvice((MethodInterceptor) call -> {
            if (!sameSignature(call.getMethod(), method)) {
                return call.proceed();
            }
            List<Object> arguments = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(call.getArguments())));
            Object result;
            try {
                result = call.proceed();
            } catch (Throwable failure) {
                record(new ListenerInvocation(listenerId, arguments, null, failure));
                throw failure;
            }
            record(new ListenerInvocation(listenerId, arguments, result, null));
            return result;
        });
        try {
            Object proxied = proxy.getProxy(bean.getClass().getClassLoader());
            captured.add(listenerId);
            return proxied;
        } catch (RuntimeException e) {
            notCaptured.put(listenerId, e.toString());
            LOG.warn("@ZmqListener '" + listenerId + "' is not captured: its bean cannot be proxied (" + e + ")");
            return bean;
        }
    }

    private static boolean sameSignature(Method called, Method listener) {
        return called.getName().equals(listener.getName())
                && Arrays.equals(called.getParameterTypes(), listener.getParameterTypes());
    }

    /** A container factory that hands its delegate each listener's bean behind the capturing proxy. */
    private final class CapturingFactory implements ZmqListenerContainerFactory {
        private final ZmqListenerContainerFactory delegate;

        CapturingFactory(ZmqListenerContainerFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public ZmqListenerContainer createContainer(MethodZmqListenerEndpoint endpoint) {
            Object bean = capturing(endpoint.listenerId(), endpoint.bean(), endpoint.method());
            return delegate.createContainer(new MethodZmqListenerEndpoint(
                    bean,
                    endpoint.method(),
                    endpoint.definition(),
                    endpoint.errorHandlerBeanName(),
                    endpoint.containerFactoryBeanName(),
                    endpoint.sendTo()));
        }
    }
}
