package dev.zmq4j.spring.test;

import dev.zmq4j.spring.config.SocketProperties;
import dev.zmq4j.spring.support.LocalEndpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The overrides {@link ZmqTest} puts ahead of the application's properties: every tcp bind of a declared socket
 * ({@code zmq.sockets.<name>.bind}) becomes {@code tcp://127.0.0.1:*}, an ephemeral loopback port, so tests never
 * fight over ports; and a tcp connect of the same application to one of those binds (same port, on a loopback or
 * wildcard host) becomes {@code ${local.zmq.<name>.endpoints[i]}}, the port that bind actually got. Other transports
 * (ipc, inproc) and connects elsewhere are left as they are. Stateless.
 */
final class EphemeralEndpoints {
    static final String EPHEMERAL = "tcp://127.0.0.1:*";
    private static final Pattern TCP = Pattern.compile("tcp://(.*):(\\d+)");
    private static final Set<String> LOCAL_HOSTS = Set.of("*", "localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1");

    private EphemeralEndpoints() {}

    /** The overriding properties, as {@code zmq.sockets.<name>.bind[i]} and {@code .connect[i]}; may be empty. */
    static Map<String, Object> overrides(ConfigurableEnvironment environment) {
        Map<String, SocketProperties> sockets;
        try {
            sockets = Binder.get(environment)
                    .bind("zmq.sockets", Bindable.mapOf(String.class, SocketProperties.class))
                    .orElse(Map.of());
        } catch (RuntimeException e) {
            // A property that does not bind (type: REPP) is the starter's to report, with its failure analysis.
            return Map.of();
        }
        Map<String, String> bindsByPort = new LinkedHashMap<>();
        Map<String, Object> overrides = new LinkedHashMap<>();
        sockets.forEach((name, socket) -> {
            List<String> binds = socket.getBind();
            List<String> rewritten = new ArrayList<>(binds.size());
            for (int i = 0; i < binds.size(); i++) {
                String bind = binds.get(i);
                if (!bind.startsWith("tcp://") || LocalEndpoints.hasPlaceholder(bind)) {
                    rewritten.add(bind);
                    continue;
                }
                Matcher port = TCP.matcher(bind);
                if (port.matches()) {
                    bindsByPort.putIfAbsent(port.group(2), "${" + LocalEndpoints.endpointProperty(name, i) + "}");
                }
                rewritten.add(EPHEMERAL);
            }
            if (!rewritten.equals(binds)) {
                putList(overrides, "zmq.sockets." + name + ".bind", rewritten);
            }
        });
        sockets.forEach((name, socket) -> {
            List<String> connects = socket.getConnect();
            List<String> rewritten = connects.stream()
                    .map(connect -> toOwnBind(connect, bindsByPort))
                    .toList();
            if (!rewritten.equals(connects)) {
                putList(overrides, "zmq.sockets." + name + ".connect", rewritten);
            }
        });
        return overrides;
    }

    private static String toOwnBind(String connect, Map<String, String> bindsByPort) {
        Matcher tcp = TCP.matcher(connect);
        if (!tcp.matches() || !LOCAL_HOSTS.contains(tcp.group(1))) {
            return connect;
        }
        return bindsByPort.getOrDefault(tcp.group(2), connect);
    }

    /** Indexed, so the whole list replaces the application's, whatever form it was written in. */
    private static void putList(Map<String, Object> overrides, String property, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            overrides.put(property + "[" + i + "]", values.get(i));
        }
    }
}
