package dev.zmq4j.transport.ws;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.tls.TlsSettings;
import dev.zmq4j.transport.StreamAddress;
import dev.zmq4j.transport.tcp.TcpAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The address part of a {@code ws://} or {@code wss://} endpoint, as libzmq reads it: {@code host:port} as for tcp ({@code *} for the
 * wildcard host and, when binding, an ephemeral port), then an optional path, {@code /} when there is none. The
 * connection is a tcp one; the path goes in the WebSocket upgrade request. A bound endpoint reads back with its path
 * ({@code ws://127.0.0.1:41234/prices}, {@code ws://127.0.0.1:41235/}), as libzmq prints it. For {@code wss://} it
 * also carries the TLS settings, taken from the socket's options when it binds or connects, so a keystore that
 * cannot be read fails the bind or connect, not each connection.
 *
 * <p>One port serves one bound socket, whatever the paths: a second bind of the same port fails with EADDRINUSE, as
 * with libzmq, and the server answers any path it is asked for.
 *
 * <p>Immutable and thread-safe: parsed on the application thread, used on I/O threads.
 */
public final class WsAddress implements StreamAddress {
    private final String endpoint;
    private final TcpAddress tcp;
    /** The host as the endpoint writes it, brackets and all: what a client sends as Host, as libzmq does. */
    private final String host;

    private final String path;
    /** For wss, the TLS side of every connection; null for ws. */
    private final TlsSettings tls;

    private WsAddress(String endpoint, TcpAddress tcp, String host, String path, TlsSettings tls) {
        this.endpoint = endpoint;
        this.tcp = tcp;
        this.host = host;
        this.path = path;
        this.tls = tls;
    }

    /** @param secure wss: connections accepted are TLS servers, with the certificate the options give */
    public static WsAddress forBind(String endpoint, String address, boolean secure, Options options) {
        return parse(endpoint, address, true, secure, options);
    }

    /** @param secure wss: connections made are TLS clients, verifying the server as the options say */
    public static WsAddress forConnect(String endpoint, String address, boolean secure, Options options) {
        return parse(endpoint, address, false, secure, options);
    }

    private static WsAddress parse(String endpoint, String address, boolean bind, boolean secure, Options options) {
        // The path starts at the first '/' after the host, which for IPv6 ends at its bracket.
        int hostEnd = address.startsWith("[") ? Math.max(0, address.indexOf(']')) : 0;
        int slash = address.indexOf('/', hostEnd);
        String hostAndPort = slash < 0 ? address : address.substring(0, slash);
        String path = slash < 0 ? "/" : address.substring(slash);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new ZmqException(
                        ErrorCode.EINVAL,
                        "invalid ws endpoint '" + endpoint
                                + "': the path may hold only visible ASCII characters (percent-encode the others)");
            }
        }
        String scheme = secure ? "wss" : "ws";
        TcpAddress tcp = TcpAddress.parse(endpoint, hostAndPort, bind, scheme);
        String host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
        TlsSettings tls = null;
        if (secure) {
            tls = bind
                    ? TlsSettings.forServer(options, endpoint)
                    : TlsSettings.forClient(options, endpoint, bareHost(host));
        }
        return new WsAddress(endpoint, tcp, host, path, tls);
    }

    /** The host without an IPv6 address's brackets, as TLS names it. */
    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host for the upgrade request's Host field. */
    public String host() {
        return host;
    }

    /** For wss, the TLS settings of its connections; null for ws. */
    public TlsSettings tls() {
        return tls;
    }

    /** The path for the upgrade request, "/" when the endpoint has none. */
    public String path() {
        return path;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public SocketAddress resolve() {
        return tcp.resolve();
    }

    @Override
    public ServerSocketChannel openServerChannel(SocketAddress local) throws IOException {
        return tcp.openServerChannel(local);
    }

    @Override
    public SocketChannel openChannel(SocketAddress remote) throws IOException {
        return tcp.openChannel(remote);
    }

    @Override
    public void tune(SocketChannel channel, Options options) throws IOException {
        tcp.tune(channel, options);
    }

    @Override
    public String format(SocketAddress bound) {
        return (tls != null ? "wss://" : "ws://") + TcpAddress.hostAndPort((InetSocketAddress) bound) + path;
    }

    @Override
    public String toString() {
        return endpoint;
    }
}
