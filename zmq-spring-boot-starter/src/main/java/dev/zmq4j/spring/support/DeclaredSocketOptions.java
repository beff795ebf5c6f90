package dev.zmq4j.spring.support;

import dev.zmq4j.Socket;
import dev.zmq4j.SocketOption;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.config.SocketProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import javax.net.ssl.SSLContext;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.unit.DataSize;

/**
 * Sets the options a {@code zmq.sockets.<name>} declaration gives on a new socket; an option left unset keeps the
 * engine's default (LINGER falls back to {@code zmq.linger}). The engine checks each value (and whether the socket's
 * type takes the option); its refusal is rethrown as an {@link InvalidZmqConfigurationException} naming the
 * property. Stateless; called on the thread that owns the socket.
 */
final class DeclaredSocketOptions {
    private final String prefix;
    private final Socket socket;

    private DeclaredSocketOptions(String prefix, Socket socket) {
        this.prefix = prefix;
        this.socket = socket;
    }

    /** @param sslBundles Spring Boot's SSL bundles, for {@code ssl.bundle}; null when the application has none */
    static void apply(String prefix, Socket socket, SocketProperties p, Duration defaultLinger, SslBundles sslBundles) {
        DeclaredSocketOptions options = new DeclaredSocketOptions(prefix, socket);
        options.set("linger", SocketOption.LINGER, millis(p.getLinger() != null ? p.getLinger() : defaultLinger));
        options.set("send-hwm", SocketOption.SNDHWM, p.getSendHwm());
        options.set("receive-hwm", SocketOption.RCVHWM, p.getReceiveHwm());
        options.set("reconnect-interval", SocketOption.RECONNECT_IVL, millis(p.getReconnectInterval()));
        options.set("reconnect-interval-max", SocketOption.RECONNECT_IVL_MAX, millis(p.getReconnectIntervalMax()));
        options.set("heartbeat-interval", SocketOption.HEARTBEAT_IVL, millis(p.getHeartbeatInterval()));
        options.set("heartbeat-ttl", SocketOption.HEARTBEAT_TTL, millis(p.getHeartbeatTtl()));
        options.set("heartbeat-timeout", SocketOption.HEARTBEAT_TIMEOUT, millis(p.getHeartbeatTimeout()));
        options.set("handshake-interval", SocketOption.HANDSHAKE_IVL, millis(p.getHandshakeInterval()));
        options.set("connect-timeout", SocketOption.CONNECT_TIMEOUT, millis(p.getConnectTimeout()));
        options.set("send-timeout", SocketOption.SNDTIMEO, millis(p.getSendTimeout()));
        options.set("receive-timeout", SocketOption.RCVTIMEO, millis(p.getReceiveTimeout()));
        if (p.getMaxMessageSize() != null) {
            options.set(
                    "max-message-size",
                    SocketOption.MAXMSGSIZE,
                    p.getMaxMessageSize().toBytes());
        }
        options.set("immediate", SocketOption.IMMEDIATE, p.getImmediate());
        options.set("conflate", SocketOption.CONFLATE, p.getConflate());
        options.set("router-mandatory", SocketOption.ROUTER_MANDATORY, p.getRouterMandatory());
        options.set("router-handover", SocketOption.ROUTER_HANDOVER, p.getRouterHandover());
        options.set("probe-router", SocketOption.PROBE_ROUTER, p.getProbeRouter());
        options.set("invert-matching", SocketOption.INVERT_MATCHING, p.getInvertMatching());
        options.set("xpub-verbose", SocketOption.XPUB_VERBOSE, p.getXpubVerbose());
        options.set("xpub-no-drop", SocketOption.XPUB_NODROP, p.getXpubNoDrop());
        options.set("xpub-welcome-message", SocketOption.XPUB_WELCOME_MSG, utf8(p.getXpubWelcomeMessage()));
        options.set("send-buffer", SocketOption.SNDBUF, bytes(p.getSendBuffer()));
        options.set("receive-buffer", SocketOption.RCVBUF, bytes(p.getReceiveBuffer()));
        options.set("backlog", SocketOption.BACKLOG, p.getBacklog());
        if (p.getTcpKeepalive() != null) {
            options.set("tcp-keepalive", SocketOption.TCP_KEEPALIVE, p.getTcpKeepalive() ? 1 : 0);
        }
        options.set("tcp-keepalive-count", SocketOption.TCP_KEEPALIVE_CNT, p.getTcpKeepaliveCount());
        options.set("tcp-keepalive-idle", SocketOption.TCP_KEEPALIVE_IDLE, seconds(p.getTcpKeepaliveIdle()));
        options.set("tcp-keepalive-interval", SocketOption.TCP_KEEPALIVE_INTVL, seconds(p.getTcpKeepaliveInterval()));
        options.set("routing-id", SocketOption.ROUTING_ID, utf8(p.getRoutingId()));
        for (String topic : p.getSubscriptions()) {
            options.set("subscriptions", SocketOption.SUBSCRIBE, topic.getBytes(StandardCharsets.UTF_8));
        }
        for (String group : new LinkedHashSet<>(p.getGroups())) {
            options.join(group);
        }
        SocketSecurity.apply(prefix, socket, SocketSecurity.resolve(prefix, p.getSecurity()));
        options.set("ssl.hostname", SocketOption.WSS_HOSTNAME, p.getSsl().getHostname());
        options.set(
                "ssl.bundle",
                SocketOption.WSS_SSL_CONTEXT,
                sslContext(prefix, p.getSsl().getBundle(), sslBundles));
    }

    /** The TLS of the named bundle; null when none is named. */
    private static SSLContext sslContext(String prefix, String bundle, SslBundles sslBundles) {
        if (bundle == null) {
            return null;
        }
        if (sslBundles == null) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".ssl.bundle", "names '" + bundle + "', but the application has no SSL bundles");
        }
        try {
            return sslBundles.getBundle(bundle).createSslContext();
        } catch (NoSuchSslBundleException e) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".ssl.bundle",
                    "there is no SSL bundle '" + bundle + "' (spring.ssl.bundle.jks." + bundle
                            + " or spring.ssl.bundle.pem." + bundle + ")",
                    e);
        } catch (RuntimeException e) {
            throw new InvalidZmqConfigurationException(
                    prefix + ".ssl.bundle", "the SSL bundle '" + bundle + "' cannot be used: " + e.getMessage(), e);
        }
    }

    /** DISH: joins {@code group} (the validator has checked its length and the socket's type). */
    private void join(String group) {
        try {
            socket.join(group);
        } catch (ZmqException e) {
            throw new InvalidZmqConfigurationException(prefix + ".groups", e.getMessage(), e);
        }
    }

    private <T> void set(String property, SocketOption<T> option, T value) {
        if (value == null) {
            return;
        }
        try {
            socket.set(option, value);
        } catch (ZmqException e) {
            throw new InvalidZmqConfigurationException(prefix + "." + property, e.getMessage(), e);
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** Negative sizes pass through as -1, the engine's "the operating system's default". */
    private static Integer bytes(DataSize size) {
        if (size == null) {
            return null;
        }
        return size.isNegative() ? -1 : (int) Math.min(Integer.MAX_VALUE, size.toBytes());
    }

    /** Negative durations pass through as -1, the engine's "infinite" or "the operating system's default". */
    private static Integer millis(Duration duration) {
        if (duration == null) {
            return null;
        }
        if (duration.isNegative()) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** The keepalive times travel in whole seconds; the validator refused fractions, so nothing is rounded here. */
    private static Integer seconds(Duration duration) {
        if (duration == null) {
            return null;
        }
        return duration.isNegative() ? -1 : (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
    }
}
