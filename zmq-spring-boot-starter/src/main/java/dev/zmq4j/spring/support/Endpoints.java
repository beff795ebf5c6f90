package dev.zmq4j.spring.support;

import java.util.regex.Pattern;

/**
 * Syntax check of endpoints before they reach the engine, so a typo fails at startup with the property named
 * instead of at the first bind. Accepts what the engine accepts: {@code tcp://host:port} (host {@code *}, a name,
 * IPv4 or a bracketed IPv6 address; port a number or {@code *}), {@code ws://host:port/path} and {@code wss://host:port/path} (the
 * same, then an optional path of visible ASCII), {@code ipc://path}, {@code inproc://name}, and for RADIO and DISH {@code udp://host:port} or
 * {@code udp://interface;group:port}.
 */
public final class Endpoints {
    private static final Pattern TCP =
            Pattern.compile("(\\*|[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.%a-zA-Z]+\\]):(\\*|\\d{1,5})");

    private static final Pattern PATH = Pattern.compile("(/[\\x21-\\x7E]*)?");

    private Endpoints() {}

    /** Null when the endpoint is well formed, otherwise the reason it is not. */
    public static String problemWith(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return "an endpoint must not be empty";
        }
        int separator = endpoint.indexOf("://");
        if (separator < 0) {
            return "'" + endpoint + "' is not an endpoint (expected transport://address, e.g. tcp://127.0.0.1:5555)";
        }
        String transport = endpoint.substring(0, separator);
        String address = endpoint.substring(separator + 3);
        switch (transport) {
            case "tcp":
                if (!TCP.matcher(address).matches()) {
                    return "'" + endpoint + "' is not a tcp endpoint (expected tcp://host:port, port a number or *)";
                }
                return portProblem(endpoint, address);
            case "ws":
            case "wss":
                int hostEnd = address.startsWith("[") ? Math.max(0, address.indexOf(']')) : 0;
                int slash = address.indexOf('/', hostEnd);
                String hostAndPort = slash < 0 ? address : address.substring(0, slash);
                if (!TCP.matcher(hostAndPort).matches()
                        || !PATH.matcher(slash < 0 ? "" : address.substring(slash))
                                .matches()) {
                    return "'" + endpoint + "' is not a " + transport + " endpoint (expected " + transport
                            + "://host:port/path, port a number or *, the path optional)";
                }
                return portProblem(endpoint, hostAndPort);
            case "udp":
                // RADIO/DISH only (the engine refuses udp on any other type): udp://host:port, a multicast group
                // with the interface to use first, udp://eth0;239.0.0.1:5555.
                String target = address.substring(address.indexOf(';') + 1);
                if (!TCP.matcher(target).matches() || address.indexOf(';') == 0) {
                    return "'" + endpoint + "' is not a udp endpoint (expected udp://host:port or"
                            + " udp://interface;group:port, port a number or *)";
                }
                return portProblem(endpoint, target);
            case "ipc":
            case "inproc":
                return address.isEmpty() ? "'" + endpoint + "' has no address after " + transport + "://" : null;
            default:
                return "'" + endpoint + "' uses the unknown transport '" + transport
                        + "' (tcp, ws, wss, ipc, inproc or udp)";
        }
    }

    private static String portProblem(String endpoint, String hostAndPort) {
        if (!hostAndPort.endsWith("*")) {
            int port = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
            if (port > 65535) {
                return "'" + endpoint + "' has port " + port + ", above 65535";
            }
        }
        return null;
    }
}
