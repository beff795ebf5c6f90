package dev.zmq4j.spring.annotation;

import dev.zmq4j.SocketType;
import dev.zmq4j.spring.config.ListenerDefinition;
import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.config.SocketPropertiesValidator;
import dev.zmq4j.spring.config.ZmqSocketDeclarations;
import dev.zmq4j.spring.support.InvalidZmqConfigurationException;
import dev.zmq4j.spring.support.LocalEndpoints;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns the attributes of one {@link ZmqListener} into a {@link ListenerDefinition}: resolves placeholders, finds
 * the declared socket or builds the inline one, merges the topics, validates. Errors name the listener method and
 * the attribute. Stateless apart from its collaborators; used at startup only.
 */
final class ListenerDefinitionResolver {
    /** The socket types a listener can receive on. */
    static final Set<SocketType> LISTENER_TYPES = EnumSet.of(
            SocketType.REP,
            SocketType.ROUTER,
            SocketType.PULL,
            SocketType.SUB,
            SocketType.SERVER,
            SocketType.GATHER,
            SocketType.DISH);

    private final ZmqSocketDeclarations declarations;
    private final UnaryOperator<String> placeholders;

    ListenerDefinitionResolver(ZmqSocketDeclarations declarations, UnaryOperator<String> placeholders) {
        this.declarations = declarations;
        this.placeholders = placeholders;
    }

    ListenerDefinition resolve(ZmqListener listener, String beanName, String methodName) {
        String where = "@ZmqListener on " + beanName + "." + methodName;
        String socketName = resolve(listener.socket());
        String typeName = resolve(listener.type());
        List<String> bind = resolveEndpoints(listener.bind());
        List<String> connect = resolveEndpoints(listener.connect());
        String origin;
        SocketProperties socket;
        if (!socketName.isEmpty()) {
            if (!typeName.isEmpty() || !bind.isEmpty() || !connect.isEmpty()) {
                throw new InvalidZmqConfigurationException(
                        where + " socket", "name a declared socket or give type/bind/connect inline, not both");
            }
            SocketProperties declared = declarations.find(socketName);
            if (declared == null) {
                throw new InvalidZmqConfigurationException(
                        where + " socket", "no socket '" + socketName + "' is declared under zmq.sockets");
            }
            origin = ListenerDefinition.DECLARED_PREFIX + socketName;
            socket = declared.copy();
        } else {
            if (typeName.isEmpty()) {
                throw new InvalidZmqConfigurationException(
                        where + " type", "set socket (a zmq.sockets key) or type with bind or connect");
            }
            origin = where;
            socket = new SocketProperties();
            socket.setType(parseType(where + " type", typeName));
            socket.setBind(bind);
            socket.setConnect(connect);
        }
        if (!LISTENER_TYPES.contains(socket.getType())) {
            throw new InvalidZmqConfigurationException(
                    origin + ".type",
                    "a listener receives on REP, ROUTER, PULL, SUB, SERVER, GATHER or DISH, not " + socket.getType()
                            + " (sending sockets become ZmqTemplate beans)");
        }
        List<String> topics = resolveAll(listener.topics());
        if (!topics.isEmpty() && socket.getType() != SocketType.SUB && socket.getType() != SocketType.DISH) {
            throw new InvalidZmqConfigurationException(
                    where + " topics", "only SUB listeners (topic prefixes) and DISH listeners (groups) have topics");
        }
        if (socket.getType() == SocketType.DISH) {
            addGroups(where, origin, socket, topics);
        } else {
            socket.getSubscriptions().addAll(topics);
        }
        if (socket.getType() == SocketType.SUB && socket.getSubscriptions().isEmpty()) {
            socket.getSubscriptions().add(""); // a SUB without a subscription would receive nothing
        }
        SocketPropertiesValidator.validate(origin, socket, true);
        String id = resolve(listener.id());
        if (id.isEmpty()) {
            id = socketName.isEmpty() ? beanName + "." + methodName : socketName;
        }
        int concurrency = parseInt(where + " concurrency", resolve(listener.concurrency()), 1);
        if (concurrency < 1) {
            throw new InvalidZmqConfigurationException(where + " concurrency", "must be 1 or more, not " + concurrency);
        }
        String autoStartup = resolve(listener.autoStartup());
        if (!autoStartup.isEmpty() && !autoStartup.equalsIgnoreCase("true") && !autoStartup.equalsIgnoreCase("false")) {
            // Boolean.parseBoolean would read a typo ("flase", "yes") as false, and the listener would never start.
            throw new InvalidZmqConfigurationException(
                    where + " autoStartup", "must be true or false, not '" + autoStartup + "'");
        }
        boolean start = autoStartup.isEmpty() || Boolean.parseBoolean(autoStartup);
        return new ListenerDefinition(id, socketName.isEmpty() ? id : socketName, origin, socket, concurrency, start);
    }

    /**
     * A DISH listener's {@code topics} are groups to join, added to the socket's {@code groups} (once each: joining a
     * group twice fails). Unlike a SUB, which subscribes to everything without a topic, a DISH without a group would
     * receive nothing, and there is no group that means every group: that fails startup.
     */
    private static void addGroups(String where, String origin, SocketProperties socket, List<String> topics) {
        for (String topic : topics) {
            String problem = SocketPropertiesValidator.groupProblem(topic);
            if (problem != null) {
                throw new InvalidZmqConfigurationException(where + " topics", problem);
            }
            if (!socket.getGroups().contains(topic)) {
                socket.getGroups().add(topic);
            }
        }
        if (socket.getGroups().isEmpty()) {
            boolean declared = origin.startsWith(ListenerDefinition.DECLARED_PREFIX);
            throw new InvalidZmqConfigurationException(
                    declared ? origin + ".groups" : where + " topics",
                    "a DISH listener receives only the groups it joins, and joins none: set "
                            + (declared ? origin + ".groups or the listener's topics" : "the listener's topics")
                            + " (groups are matched exactly; there is no group for every message)");
        }
    }

    private String resolve(String value) {
        String resolved = placeholders.apply(value);
        return resolved == null ? "" : resolved.trim();
    }

    private List<String> resolveAll(String[] values) {
        return Arrays.stream(values)
                .map(this::resolve)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /**
     * As {@link #resolveAll}, except that a value naming a bound endpoint ({@code ${local.zmq.x.endpoint}}) is kept
     * as written: socket {@code x} may bind only when the listeners start, and the socket factory resolves it then.
     */
    private List<String> resolveEndpoints(String[] values) {
        return Arrays.stream(values)
                .map(v -> LocalEndpoints.refersToLocalEndpoint(v) ? v.trim() : resolve(v))
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static SocketType parseType(String attribute, String name) {
        try {
            return SocketType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidZmqConfigurationException(attribute, "unknown socket type '" + name + "'");
        }
    }

    private static int parseInt(String attribute, String value, int defaultValue) {
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidZmqConfigurationException(attribute, "'" + value + "' is not a number");
        }
    }
}
