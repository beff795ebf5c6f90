package dev.zmq4j.spring.config;

import dev.zmq4j.spring.listener.ZmqListenerContainer;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Holds every listener container by id and drives them as one {@link SmartLifecycle}: started when the context
 * has created all singletons, stopped (gracefully, in parallel) before the beans they use are destroyed. Users can
 * stop and restart, or pause and resume, single containers by id ({@code getListenerContainer(id).pause()}); every
 * start of the registry starts only the containers whose {@code autoStartup} is true. Thread-safe.
 *
 * <p>Phase {@link #PHASE} (as spring-kafka's containers): listeners stop before lower-phase beans such as a web
 * server's graceful shutdown, and long before the {@code Context} bean is closed in its destroy callback.
 */
public class ZmqListenerEndpointRegistry implements SmartLifecycle, DisposableBean {
    public static final int PHASE = Integer.MAX_VALUE - 100;

    private final Map<String, ZmqListenerContainer> containers = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean running;

    /** Creates the container of {@code endpoint} with {@code factory}; started now if the registry already runs. */
    public ZmqListenerContainer registerListenerContainer(
            MethodZmqListenerEndpoint endpoint, ZmqListenerContainerFactory factory) {
        String id = endpoint.listenerId();
        synchronized (containers) {
            if (containers.containsKey(id)) {
                // The configuration exception, so Spring Boot's failure report explains it like the other listener
                // errors.
                throw new InvalidZmqConfigurationException(
                        "@ZmqListener id",
                        "two @ZmqListener methods have the id '" + id + "'; give one of them another id");
            }
            ZmqListenerContainer container = factory.createContainer(endpoint);
            containers.put(id, container);
            if (running && container.isAutoStartup()) {
                container.start();
            }
            return container;
        }
    }

    /** The container of listener {@code id}, or null. */
    public ZmqListenerContainer getListenerContainer(String id) {
        return containers.get(id);
    }

    public Set<String> getListenerContainerIds() {
        synchronized (containers) {
            return Set.copyOf(containers.keySet());
        }
    }

    public Collection<ZmqListenerContainer> getListenerContainers() {
        synchronized (containers) {
            return new ArrayList<>(containers.values());
        }
    }

    @Override
    public void start() {
        for (ZmqListenerContainer container : getListenerContainers()) {
            // autoStartup is honoured on every start, including a context restart.
            if (container.isAutoStartup()) {
                container.start();
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        getListenerContainers().parallelStream().forEach(ZmqListenerContainer::stop);
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        Collection<ZmqListenerContainer> all = getListenerContainers();
        if (all.isEmpty()) {
            callback.run();
            return;
        }
        AtomicInteger remaining = new AtomicInteger(all.size());
        for (ZmqListenerContainer container : all) {
            container.stop(() -> {
                if (remaining.decrementAndGet() == 0) {
                    callback.run();
                }
            });
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Not pauseable: a listener bound to an ephemeral port would come back on another port after a pause, so test
     * contexts keep it running rather than silently moving it.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public void destroy() {
        stop();
    }
}
