package dev.zmq4j.spring.config;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.support.Endpoints;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import dev.zmq4j.spring.support.LocalEndpoints;
import dev.zmq4j.spring.support.SocketSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a socket declaration before any socket is created. Every failure is an
 * {@link InvalidZmqConfigurationException} naming the property (prefix + field in kebab case).
 */
public final class SocketPropertiesValidator {
    /**
     * Request-reply sockets must either bind or connect: mixing both would load-balance requests over unrelated
     * peers (a server that also connects out, a client that also accepts), which is never what a service wants.
     */
    private static final Set<SocketType> ONE_DIRECTION_ONLY = EnumSet.of(
            SocketType.REQ, SocketType.REP, SocketType.DEALER, SocketType.ROUTER, SocketType.SERVER, SocketType.CLIENT);
    /** The request-reply draft types, whose peers the engine numbers itself (no ROUTER options, no routing id). */
    private static final Set<SocketType> CLIENT_SERVER = EnumSet.of(SocketType.SERVER, SocketType.CLIENT);

    private SocketPropertiesValidator() {}

    public static void validateContext(int ioThreads, Duration linger, Duration shutdownTimeout) {
        if (ioThreads < 1) {
            throw new InvalidZmqConfigurationException("zmq.io-threads", "must be 1 or more, not " + ioThreads);
        }
        if (linger == null || linger.isNegative()) {
            throw new InvalidZmqConfigurationException(
                    "zmq.linger", "must be zero or positive (an infinite linger can hang shutdown), not " + linger);
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new InvalidZmqConfigurationException("zmq.shutdown-timeout", "must be zero or positive");
        }
    }

    /**
     * @param prefix         the property prefix, e.g. {@code zmq.sockets.orders}
     * @param requireAddress whether the socket must bind or connect somewhere (false when a listener supplies them)
     */
    public static void validate(String prefix, SocketProperties socket, boolean requireAddress) {
        if (socket.getType() == null) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".type", "must be set to one of " + List.of(SocketType.values()));
        }
        validateEndpoints(prefix + ".bind", socket.getBind(), socket.getType());
        validateEndpoints(prefix + ".connect", socket.getConnect(), socket.getType());
        boolean binds = !socket.getBind().isEmpty();
        boolean connects = !socket.getConnect().isEmpty();
        if (requireAddress && !binds && !connects) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".bind",
                    "a " + socket.getType() + " socket needs " + prefix + ".bind or " + prefix + ".connect");
        }
        if (binds && connects && ONE_DIRECTION_ONLY.contains(socket.getType())) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".connect",
                    "a " + socket.getType() + " socket either binds or connects; set " + prefix + ".bind or " + prefix
                            + ".connect, not both");
        }
        validateRoutingId(prefix + ".routing-id", socket.getRoutingId());
        if (!socket.getSubscriptions().isEmpty()
                && socket.getType() != SocketType.SUB
                && socket.getType() != SocketType.XSUB) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".subscriptions", "only SUB and XSUB sockets subscribe, this one is " + socket.getType());
        }
        validateGroups(prefix + ".groups", socket);
        if (socket.getRequestTimeout() == null
                || socket.getRequestTimeout().isNegative()
                || socket.getRequestTimeout().isZero()) {
            throw new InvalidZmqConfigurationException(prefix + ".request-timeout", "must be positive");
        }
        if (socket.getMaxMessageSize() != null && socket.getMaxMessageSize().toBytes() < -1) {
            throw new InvalidZmqConfigurationException(prefix + ".max-message-size", "must be -1 (no limit) or more");
        }
        if (socket.getType().isThreadSafe()) {
            validateThreadSafe(prefix, socket);
        }
        validateWholeSeconds(prefix + ".tcp-keepalive-idle", socket.getTcpKeepaliveIdle());
        validateWholeSeconds(prefix + ".tcp-keepalive-interval", socket.getTcpKeepaliveInterval());
        SocketSecurity.resolve(prefix, socket.getSecurity());
        validateSsl(prefix + ".ssl", socket);
    }

    /**
     * The engine takes these options on the draft types without complaint, and they would do nothing (or lose
     * requests): refused here, naming the property.
     */
    private static void validateThreadSafe(String prefix, SocketProperties socket) {
        SocketType type = socket.getType();
        refuseIfSet(
                prefix + ".router-mandatory",
                socket.getRouterMandatory(),
                "applies to ROUTER sockets; a " + type + " send to an unknown peer always fails with EHOSTUNREACH");
        refuseIfSet(
                prefix + ".router-handover",
                socket.getRouterHandover(),
                "applies to ROUTER sockets; a " + type + " numbers its peers itself");
        if (!CLIENT_SERVER.contains(type)) {
            return;
        }
        refuseIfSet(
                prefix + ".routing-id",
                socket.getRoutingId(),
                "a SERVER numbers its peers itself and ignores the routing id they announce");
        refuseIfSet(
                prefix + ".conflate",
                socket.getConflate(),
                "would drop queued requests or replies on a " + type + " socket");
        if (type != SocketType.CLIENT) {
            return;
        }
        if (!socket.getBind().isEmpty()) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".bind",
                    "a CLIENT template connects to its SERVERs: it replaces its socket after a request times out (so a"
                            + " late reply cannot be taken for the next request's), which would lose a bound endpoint;"
                            + " set " + prefix + ".connect");
        }
        refuseIfSet(
                prefix + ".send-timeout",
                socket.getSendTimeout(),
                "a CLIENT template waits for each request up to " + prefix + ".request-timeout; set that instead");
        refuseIfSet(
                prefix + ".receive-timeout",
                socket.getReceiveTimeout(),
                "a CLIENT template waits for each reply up to " + prefix + ".request-timeout; set that instead");
    }

    private static void refuseIfSet(String property, Object value, String reason) {
        if (value != null) {
            throw new InvalidZmqConfigurationException(property, reason);
        }
    }

    /** TLS settings on a socket with no wss endpoint would be ignored: a misplaced setting, most likely. */
    private static void validateSsl(String property, SocketProperties socket) {
        if (!socket.getSsl().anySet()) {
            return;
        }
        List<String> endpoints = new ArrayList<>(socket.getBind());
        endpoints.addAll(socket.getConnect());
        boolean mayBeWss = endpoints.stream()
                .anyMatch(endpoint -> endpoint.startsWith("wss://") || LocalEndpoints.hasPlaceholder(endpoint));
        if (!mayBeWss) {
            throw new InvalidZmqConfigurationException(
                    property, "applies to wss:// endpoints only, and this socket has none");
        }
    }

    /** The kernel takes keepalive times in seconds; rounding 1500ms quietly to 1s would not be what was asked. */
    private static void validateWholeSeconds(String property, Duration duration) {
        if (duration != null && (duration.isNegative() || duration.isZero() || duration.toMillis() % 1000 != 0)) {
            throw new InvalidZmqConfigurationException(
                    property, "must be a positive whole number of seconds, not " + duration);
        }
    }

    private static void validateEndpoints(String property, List<String> endpoints, SocketType type) {
        for (int i = 0; i < endpoints.size(); i++) {
            if (LocalEndpoints.hasPlaceholder(endpoints.get(i))) {
                continue; // resolved and checked when the socket is created (${local.zmq.x.endpoint})
            }
            String problem = Endpoints.problemWith(endpoints.get(i));
            if (problem == null
                    && endpoints.get(i).startsWith("udp://")
                    && type != SocketType.RADIO
                    && type != SocketType.DISH) {
                problem = "udp is for RADIO and DISH sockets only, this one is " + type;
            }
            if (problem != null) {
                throw new InvalidZmqConfigurationException(
                        endpoints.size() == 1 ? property : property + "[" + i + "]", problem);
            }
        }
    }

    /**
     * Only a DISH joins groups. A group is matched exactly, so an empty one would not mean "every group" as an empty
     * SUB topic does: refused, with those longer than libzmq's 255 bytes (ZMQ_GROUP_MAX_LENGTH).
     */
    private static void validateGroups(String property, SocketProperties socket) {
        List<String> groups = socket.getGroups();
        if (groups.isEmpty()) {
            return;
        }
        if (socket.getType() != SocketType.DISH) {
            throw new InvalidZmqConfigurationException(
                    property, "only DISH sockets join groups, this one is " + socket.getType());
        }
        for (int i = 0; i < groups.size(); i++) {
            String problem = groupProblem(groups.get(i));
            if (problem != null) {
                throw new InvalidZmqConfigurationException(
                        groups.size() == 1 ? property : property + "[" + i + "]", problem);
            }
        }
    }

    /** Null when {@code group} can be joined or sent to, otherwise why not. */
    public static String groupProblem(String group) {
        if (group == null || group.isEmpty()) {
            return "a group must not be empty (groups are matched exactly; there is no group for every message)";
        }
        int length = group.getBytes(StandardCharsets.UTF_8).length;
        if (length > 255) {
            return "a group is at most 255 bytes of UTF-8, '" + abbreviate(group) + "' is " + length;
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** libzmq accepts 1 to 255 bytes and reserves a leading zero byte for ids it generates itself. */
    private static void validateRoutingId(String property, String routingId) {
        if (routingId == null) {
            return;
        }
        int length = routingId.getBytes(StandardCharsets.UTF_8).length;
        if (length < 1 || length > 255) {
            throw new InvalidZmqConfigurationException(
                    property, "must be 1 to 255 bytes long, '" + routingId + "' is " + length);
        }
        if (routingId.charAt(0) == '\0') {
            throw new InvalidZmqConfigurationException(property, "must not start with a zero byte");
        }
    }
}
