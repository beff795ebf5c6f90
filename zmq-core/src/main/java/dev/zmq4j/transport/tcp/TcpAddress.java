package dev.zmq4j.transport.tcp;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import dev.zmq4j.transport.BufferSizes;
import dev.zmq4j.transport.StreamAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;

/**
 * The address part of a {@code tcp://} endpoint: {@code host:port}, {@code [ipv6]:port}, with {@code *} as the
 * wildcard host and, when binding, {@code *} or {@code 0} as an ephemeral port.
 *
 * <p>Immutable and thread-safe: parsed on the application thread, used on I/O threads.
 */
public final class TcpAddress implements StreamAddress {
    private final String endpoint;
    private final String host;
    private final int port;

    private TcpAddress(String endpoint, String host, int port) {
        this.endpoint = endpoint;
        this.host = host;
        this.port = port;
    }

    /** Parses the address for a bind. */
    public static TcpAddress forBind(String endpoint, String address) {
        return parse(endpoint, address, true, "tcp");
    }

    /** Parses the address for a connect; the host is resolved later, at each connection attempt. */
    public static TcpAddress forConnect(String endpoint, String address) {
        return parse(endpoint, address, false, "tcp");
    }

    /**
     * Parses the {@code host:port} part of an endpoint of another transport over tcp ({@code ws}), whose name the
     * error messages give.
     */
    public static TcpAddress parse(String endpoint, String address, boolean bind, String transport) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(transport, endpoint, "expected host:port");
        }
        String host = address.substring(0, colon);
        String portText = address.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw invalid(transport, endpoint, "an IPv6 address must be written as [address]:port");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw invalid(transport, endpoint, "an IPv6 address must be written as [address]:port");
        }
        if (host.isEmpty()) {
            throw invalid(transport, endpoint, "the host is empty");
        }
        if (!bind && host.equals("*")) {
            throw invalid(transport, endpoint, "cannot connect to the wildcard address *");
        }
        int port;
        if (portText.equals("*")) {
            if (!bind) {
                throw invalid(transport, endpoint, "cannot connect to the wildcard port *");
            }
            port = 0;
        } else {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw invalid(transport, endpoint, "the port '" + portText + "' is not a number");
            }
            if (port < 0 || port > 65535 || (!bind && port == 0)) {
                throw invalid(transport, endpoint, "the port " + port + " is out of range");
            }
        }
        return new TcpAddress(endpoint, host, port);
    }

    private static ZmqException invalid(String transport, String endpoint, String reason) {
        return new ZmqException(ErrorCode.EINVAL, "invalid " + transport + " endpoint '" + endpoint + "': " + reason);
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public ServerSocketChannel openServerChannel(SocketAddress local) throws IOException {
        // An IPv4 address gets an IPv4 socket, so the bound address reads back as 0.0.0.0, not [::].
        ServerSocketChannel server = ((InetSocketAddress) local).getAddress() instanceof Inet4Address
                ? ServerSocketChannel.open(StandardProtocolFamily.INET)
                : ServerSocketChannel.open();
        // A restarted server must get its port back while old connections linger in TIME_WAIT.
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        return server;
    }

    @Override
    public SocketChannel openChannel(SocketAddress remote) throws IOException {
        return SocketChannel.open();
    }

    @Override
    public void tune(SocketChannel channel, Options options) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        BufferSizes.apply(channel, options);
        if (options.tcpKeepalive >= 0) {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, options.tcpKeepalive == 1);
        }
        if (options.tcpKeepaliveIdle > 0) {
            channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, options.tcpKeepaliveIdle);
        }
        if (options.tcpKeepaliveCount > 0) {
            channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, options.tcpKeepaliveCount);
        }
        if (options.tcpKeepaliveInterval > 0) {
            channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, options.tcpKeepaliveInterval);
        }
    }

    @Override
    public String format(SocketAddress bound) {
        return endpointOf((InetSocketAddress) bound);
    }

    /** Resolves the host (DNS for names) to a socket address. */
    @Override
    public InetSocketAddress resolve() {
        if (host.equals("*")) {
            // libzmq binds the IPv4 wildcard unless ZMQ_IPV6 is set, and reports it as 0.0.0.0.
            return new InetSocketAddress("0.0.0.0", port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ZmqException(
                    ErrorCode.EADDRNOTAVAIL, "cannot resolve host '" + host + "' of endpoint '" + endpoint + "'", e);
        }
    }

    /** The endpoint text for a bound or connected address, as libzmq prints it. */
    public static String endpointOf(InetSocketAddress address) {
        return "tcp://" + hostAndPort(address);
    }

    /** {@code 127.0.0.1:5555}, {@code [::1]:5555}: an address as libzmq prints it in an endpoint. */
    public static String hostAndPort(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip instanceof Inet6Address) {
            return "[" + compressedIpv6(ip.getAddress()) + "]:" + address.getPort();
        }
        return ip.getHostAddress() + ":" + address.getPort();
    }

    /** The host as the endpoint wrote it ({@code *} for the wildcard), without brackets. */
    public String host() {
        return host;
    }

    /** The RFC 5952 text of an IPv6 address (as inet_ntop writes it): the longest run of zero groups as "::". */
    static String compressedIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return endpoint;
    }
}
