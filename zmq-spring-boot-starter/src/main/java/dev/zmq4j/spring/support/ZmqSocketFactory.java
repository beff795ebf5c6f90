package dev.zmq4j.spring.support;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ssl.SslBundles;

/**
 * Creates sockets from their declaration: applies the options ({@link DeclaredSocketOptions}), then binds and connects, registering each socket
 * with the {@link ZmqSocketRegistry} first so its events feed health and the event-driven meters.
 * Thread-safe (the {@link Context} and the registry are); each socket it returns belongs to the caller, who must
 * hand it to exactly one thread.
 * Engine errors are rethrown as {@link InvalidZmqConfigurationException} naming the property, so a bad option or
 * an endpoint in use fails startup legibly.
 */
public final class ZmqSocketFactory {
    private final Context context;
    private final Duration defaultLinger;
    private final ZmqSocketRegistry health;
    private final LocalEndpoints localEndpoints;
    private final List<ZmqSocketCustomizer> customizers;
    /** For {@code ssl.bundle}; null when the application has no SSL bundles. */
    private final SslBundles sslBundles;

    /** A factory whose sockets are tracked in a registry of its own, with no meters. */
    public ZmqSocketFactory(Context context, Duration defaultLinger) {
        this(context, defaultLinger, new ZmqSocketRegistry(ZmqMetrics.NOOP));
    }

    public ZmqSocketFactory(Context context, Duration defaultLinger, ZmqSocketRegistry health) {
        this(context, defaultLinger, health, LocalEndpoints.NONE);
    }

    /** @param localEndpoints where bound endpoints are announced and endpoint placeholders resolved */
    public ZmqSocketFactory(
            Context context, Duration defaultLinger, ZmqSocketRegistry health, LocalEndpoints localEndpoints) {
        this(context, defaultLinger, health, localEndpoints, List.of());
    }

    /** @param customizers called, in this order, on every socket {@link #attach attached}, before it binds */
    public ZmqSocketFactory(
            Context context,
            Duration defaultLinger,
            ZmqSocketRegistry health,
            LocalEndpoints localEndpoints,
            List<ZmqSocketCustomizer> customizers) {
        this(context, defaultLinger, health, localEndpoints, customizers, null);
    }

    /** @param sslBundles Spring Boot's SSL bundles, which {@code ssl.bundle} names; null when there are none */
    public ZmqSocketFactory(
            Context context,
            Duration defaultLinger,
            ZmqSocketRegistry health,
            LocalEndpoints localEndpoints,
            List<ZmqSocketCustomizer> customizers,
            SslBundles sslBundles) {
        this.context = context;
        this.defaultLinger = defaultLinger;
        this.health = health;
        this.localEndpoints = localEndpoints;
        this.customizers = List.copyOf(customizers);
        this.sslBundles = sslBundles;
    }

    public Context context() {
        return context;
    }

    /** A socket of the declared type with the declared options, not yet bound or connected. */
    public Socket create(String prefix, SocketProperties properties) {
        return create(prefix, properties.getType(), properties);
    }

    /** A socket of {@code type} (which may differ from the declared one, e.g. a DEALER behind a REQ declaration). */
    public Socket create(String prefix, SocketType type, SocketProperties properties) {
        Socket socket = context.socket(type);
        try {
            DeclaredSocketOptions.apply(prefix, socket, properties, defaultLinger, sslBundles);
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The registry where {@link #attach} registers each socket's health tracker. */
    public ZmqSocketRegistry health() {
        return health;
    }

    /**
     * Calls the {@link ZmqSocketCustomizer}s, starts tracking the socket's health under {@code socketName}, then binds and connects as declared; returns
     * the bound endpoints as resolved (ephemeral ports filled in). Placeholders still in an endpoint (such as
     * {@code ${local.zmq.ticker.endpoint}}) are resolved first, now that the socket is created. The caller announces
     * the bound endpoints with {@link #announceBound} from the thread that starts the socket, once it is up.
     *
     * @param socketName the name in health and metrics: the {@code zmq.sockets} key, or the listener id
     */
    public List<String> attach(String socketName, String prefix, Socket socket, SocketProperties properties) {
        return attach(socketName, prefix, socket, properties, false).bound();
    }

    /**
     * As {@link #attach}, except that a connect endpoint naming a socket not bound yet
     * ({@code ${local.zmq.quotes.endpoint}} of a listener that starts later) is not connected but returned as
     * awaiting: the caller connects it, on the socket's thread, once {@link #localEndpoints()} says it is bound.
     * Its health is tracked under the endpoint as written until then.
     */
    public Attachment attachAwaitingBinds(
            String socketName, String prefix, Socket socket, SocketProperties properties) {
        return attach(socketName, prefix, socket, properties, true);
    }

    /**
     * @param bound             the bound endpoints, resolved
     * @param awaitingBind      connect endpoints as written, to be connected once the socket they name has bound
     */
    public record Attachment(List<String> bound, List<String> awaitingBind) {}

    /** Where bound endpoints are announced, and connects wait for a later bind. */
    public LocalEndpoints localEndpoints() {
        return localEndpoints;
    }

    private Attachment attach(
            String socketName, String prefix, Socket socket, SocketProperties properties, boolean awaitBinds) {
        // Here rather than in create(): only attach knows the socket's name, and it runs before any bind or connect.
        customizers.forEach(customizer -> customizer.customize(socketName, socket));
        List<String> binds = resolve(prefix + ".bind", properties.getBind(), List.of());
        List<String> awaiting = awaitBinds
                ? properties.getConnect().stream()
                        .filter(localEndpoints::awaitsBind)
                        .toList()
                : List.of();
        List<String> connects = resolve(prefix + ".connect", properties.getConnect(), awaiting);
        List<String> tracked = new ArrayList<>(connects);
        tracked.addAll(awaiting);
        health.track(
                socketName,
                properties.getType(),
                tracked,
                properties.getHealth().isRequirePeer(),
                socket);
        List<String> bound = new ArrayList<>();
        for (String endpoint : binds) {
            try {
                socket.bind(endpoint);
            } catch (ZmqException e) {
                if (endpoint.startsWith("wss://") && properties.getSsl().getBundle() == null) {
                    throw new InvalidZmqConfigurationException(
                            prefix + ".ssl.bundle",
                            "binding " + endpoint + " needs the server's certificate: name an SSL bundle"
                                    + " (spring.ssl.bundle.*) in " + prefix + ".ssl.bundle",
                            e);
                }
                throw new InvalidZmqConfigurationException(prefix + ".bind", engineReason("bind", endpoint, e), e);
            }
            bound.add(socket.lastEndpoint());
        }
        for (String endpoint : connects) {
            try {
                socket.connect(endpoint);
            } catch (ZmqException e) {
                throw new InvalidZmqConfigurationException(
                        prefix + ".connect", engineReason("connect", endpoint, e), e);
            }
        }
        return new Attachment(bound, awaiting);
    }

    /** Logs the bound endpoints, puts them in the Environment as {@code local.zmq.<socketName>.*}, tells. */
    public void announceBound(String socketName, List<String> endpoints) {
        localEndpoints.announce(socketName, endpoints);
    }

    /**
     * The engine's message when it names the endpoint already ({@code EADDRINUSE: cannot bind tcp://*:5555: Address
     * already in use}); prefixing it with "cannot bind tcp://*:5555" again would say everything twice.
     */
    private static String engineReason(String action, String endpoint, ZmqException e) {
        String message = e.getMessage();
        return message.contains(endpoint) ? message : "cannot " + action + " " + endpoint + ": " + message;
    }

    /** The endpoints resolved, but for those in {@code skipped}; a message names the index as declared. */
    private List<String> resolve(String property, List<String> endpoints, List<String> skipped) {
        List<String> resolved = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            if (skipped.contains(endpoints.get(i))) {
                continue;
            }
            resolved.add(localEndpoints.resolve(
                    endpoints.size() == 1 ? property : property + "[" + i + "]", endpoints.get(i)));
        }
        return resolved;
    }
}
