package dev.zmq4j.spring.support;

import dev.zmq4j.spring.event.ZmqSocketBoundEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * The endpoints the application's sockets actually bound, told to whoever needs them, as Spring Boot tells the
 * web server's port: an INFO line per endpoint, the properties {@code local.zmq.<socket>.endpoint} (the first
 * bind) and {@code local.zmq.<socket>.endpoints[i]} (every bind) in a property source of the Environment ahead of
 * all others, and a {@link ZmqSocketBoundEvent}.
 *
 * <p>It also resolves the placeholders left in endpoints when the socket is created rather than when the properties
 * are bound, because {@code ${local.zmq.x.endpoint}} only exists once socket {@code x} has bound; and it calls back
 * a template whose connect names a socket that binds later (a listener's), once that socket has bound.
 *
 * <p>Events announced while the context still creates its singletons are held until they are all created:
 * {@code @EventListener} methods are registered only then, and would miss a template's event. Thread-safe:
 * {@link #announce} is called by whichever thread starts a socket.
 */
public class LocalEndpoints implements SmartInitializingSingleton {
    /** The name of the property source in the Environment. */
    public static final String PROPERTY_SOURCE = "zmq.local.endpoints";

    /** No Environment and no events: endpoints are logged, placeholders are not resolved. */
    public static final LocalEndpoints NONE = new LocalEndpoints(null, null);

    private static final Log LOG = LogFactory.getLog(LocalEndpoints.class);

    private static final String ORDER_HINT = ". local.zmq.<socket>.endpoint exists once that socket has bound: a"
            + " ZmqTemplate's socket binds when the template bean is created, a listener's when the listeners start,"
            + " one after another, after every template; a listener's socket connects when it starts, so it can name"
            + " a template's bind or an earlier listener's (a template waits for the socket it names to bind)";

    private final ConfigurableEnvironment environment;
    private final ApplicationEventPublisher events;
    private final Map<String, Object> properties = new ConcurrentHashMap<>();
    private final Object awaitedLock = new Object();
    /** Connects waiting for the socket they name to bind. Guarded by {@link #awaitedLock}. */
    private final List<Awaited> awaited = new ArrayList<>();

    private final Object heldLock = new Object();
    /** Events waiting for the singletons to be created; null once they are. Guarded by {@link #heldLock}. */
    private List<ZmqSocketBoundEvent> held;

    /**
     * Meant to be a singleton bean: with {@code events}, events are held until
     * {@link #afterSingletonsInstantiated()}, which the bean factory calls.
     *
     * @param environment where the properties go and placeholders are resolved, or null
     * @param events where the events go, or null
     */
    public LocalEndpoints(ConfigurableEnvironment environment, ApplicationEventPublisher events) {
        this.environment = environment;
        this.events = events;
        this.held = events == null ? null : new ArrayList<>();
        if (environment != null) {
            addPropertySource(environment.getPropertySources());
        }
    }

    /** The property of the first bound endpoint of {@code socketName}. */
    public static String endpointProperty(String socketName) {
        return "local.zmq." + socketName + ".endpoint";
    }

    /** The property of the bound endpoint at {@code index} of {@code socketName}. */
    public static String endpointProperty(String socketName, int index) {
        return "local.zmq." + socketName + ".endpoints[" + index + "]";
    }

    /** Whether an endpoint still has a placeholder to resolve when its socket is created. */
    public static boolean hasPlaceholder(String endpoint) {
        return endpoint != null && endpoint.contains("${");
    }

    /** Whether an annotation attribute names a bound endpoint, so it must wait until the socket is created. */
    public static boolean refersToLocalEndpoint(String value) {
        return value != null && value.contains("${local.zmq.");
    }

    /**
     * The endpoint with its placeholders resolved now, checked like any endpoint.
     *
     * @param property the property (or listener attribute) the endpoint comes from, for the error message
     */
    public String resolve(String property, String endpoint) {
        if (!hasPlaceholder(endpoint)) {
            return endpoint;
        }
        if (environment == null) {
            throw new InvalidZmqConfigurationException(
                    property, "'" + endpoint + "' has a placeholder, and this socket factory has no Environment");
        }
        String resolved;
        try {
            resolved = environment.resolveRequiredPlaceholders(endpoint);
        } catch (IllegalArgumentException e) {
            String reason = "'" + endpoint + "' cannot be resolved when the socket is created (" + e.getMessage() + ")";
            throw new InvalidZmqConfigurationException(
                    property, refersToLocalEndpoint(endpoint) ? reason + ORDER_HINT : reason);
        }
        String problem = Endpoints.problemWith(resolved);
        if (problem != null) {
            throw new InvalidZmqConfigurationException(property, endpoint + " resolves to " + problem);
        }
        return resolved;
    }

    /**
     * Whether {@code endpoint} names a bound endpoint ({@code ${local.zmq.<socket>.endpoint}}) that no socket has
     * announced yet.
     */
    public boolean awaitsBind(String endpoint) {
        if (environment == null || !refersToLocalEndpoint(endpoint)) {
            return false;
        }
        try {
            environment.resolveRequiredPlaceholders(endpoint);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * Calls {@code onBound} with {@code endpoint} resolved as soon as the socket it names has bound: on the thread
     * that announces that socket (or on this one, if it has meanwhile). The endpoint is checked like any; if it
     * resolves to a malformed one the announcing thread gets the {@link InvalidZmqConfigurationException}.
     *
     * @param property the property the endpoint comes from, for messages
     */
    public void whenBound(String property, String endpoint, Consumer<String> onBound) {
        synchronized (awaitedLock) {
            awaited.add(new Awaited(property, endpoint, onBound));
        }
        releaseAwaited();
    }

    private void releaseAwaited() {
        List<Awaited> ready = new ArrayList<>();
        synchronized (awaitedLock) {
            awaited.removeIf(waiting -> !awaitsBind(waiting.endpoint()) && ready.add(waiting));
        }
        for (Awaited waiting : ready) {
            waiting.onBound().accept(resolve(waiting.property(), waiting.endpoint()));
        }
    }

    private record Awaited(String property, String endpoint, Consumer<String> onBound) {}

    /** Tells that {@code socketName} has bound {@code endpoints} (as resolved); nothing when it bound nothing. */
    public void announce(String socketName, List<String> endpoints) {
        if (endpoints.isEmpty()) {
            return;
        }
        for (String endpoint : endpoints) {
            LOG.info("zmq socket '" + socketName + "' bound " + endpoint);
        }
        String indexed = "local.zmq." + socketName + ".endpoints[";
        properties.keySet().removeIf(key -> key.startsWith(indexed));
        properties.put(endpointProperty(socketName), endpoints.get(0));
        for (int i = 0; i < endpoints.size(); i++) {
            properties.put(endpointProperty(socketName, i), endpoints.get(i));
        }
        releaseAwaited();
        ZmqSocketBoundEvent event = new ZmqSocketBoundEvent(this, socketName, endpoints);
        synchronized (heldLock) {
            if (held != null) {
                held.add(event);
                return;
            }
        }
        publish(event);
    }

    /** The singletons exist, and with them every {@code @EventListener}: the held events go out. */
    @Override
    public void afterSingletonsInstantiated() {
        List<ZmqSocketBoundEvent> toPublish;
        synchronized (heldLock) {
            toPublish = held == null ? List.of() : held;
            held = null;
        }
        toPublish.forEach(this::publish);
    }

    private void publish(ZmqSocketBoundEvent event) {
        if (events != null) {
            events.publishEvent(event);
        }
    }

    /** First, so a bound endpoint wins over a stale value of the same name from elsewhere. */
    private void addPropertySource(MutablePropertySources sources) {
        PropertySource<?> previous = sources.remove(PROPERTY_SOURCE);
        if (previous instanceof MapPropertySource map) {
            properties.putAll(map.getSource());
        }
        sources.addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }
}
