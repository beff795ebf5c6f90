package dev.zmq4j.transport.udp;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.transport.Endpoint;
import dev.zmq4j.transport.tcp.TcpAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.Collections;

/**
 * The address part of a {@code udp://} endpoint (libzmq's doc/zmq_udp.adoc), and the datagram channel it opens:
 *
 * <pre>
 *   address   = [ source ";" ] host ":" port
 *   host      = "*" | IPv4 | "[" IPv6 "]" | interface name | host name      (a multicast group is an IP)
 *   source    = interface name | IP address | "*"
 *   port      = 1..65535 | "*" (bind only: an ephemeral port, zmq4j's extension; libzmq cannot bind one)
 * </pre>
 *
 * A DISH binds: to a unicast address (an interface name stands for its first address, IPv4 first), or to a multicast
 * group, which it joins on the source interface (or, without one, on the first interface that is up and does
 * multicast, loopback last). A RADIO connects: it sends to the host, through the source interface for a multicast
 * group, from the source address for a unicast one.
 *
 * <p>Immutable and thread-safe: parsed and opened on the application thread, the channel then used on an I/O thread.
 */
public final class UdpAddress {
    /** What {@link #open()} made: the channel (non-blocking), where a RADIO sends, and the endpoint as it reads back. */
    public record Opened(DatagramChannel channel, InetSocketAddress target, String endpoint) {}

    private final String endpoint;
    private final String source;
    private final String host;
    private final int port;
    private final boolean bind;

    private UdpAddress(String endpoint, String source, String host, int port, boolean bind) {
        this.endpoint = endpoint;
        this.source = source;
        this.host = host;
        this.port = port;
        this.bind = bind;
    }

    /**
     * Parses and opens a udp endpoint for a socket of {@code type}: DISH binds, RADIO connects, as in libzmq; any other
     * use is ZmqException ENOCOMPATPROTO.
     */
    public static Opened open(SocketType type, Endpoint endpoint, boolean bind) {
        SocketType expected = bind ? SocketType.DISH : SocketType.RADIO;
        if (type != expected) {
            throw new ZmqException(
                    ErrorCode.ENOCOMPATPROTO,
                    type == SocketType.RADIO || type == SocketType.DISH
                            ? "udp endpoints are bound by DISH and connected by RADIO; a " + type + " cannot "
                                    + (bind ? "bind " : "connect ") + endpoint.text()
                            : "udp is for RADIO and DISH sockets, not for " + type + ": " + endpoint.text());
        }
        UdpAddress address =
                bind ? forBind(endpoint.text(), endpoint.address()) : forConnect(endpoint.text(), endpoint.address());
        return address.open();
    }

    public static UdpAddress forBind(String endpoint, String address) {
        return parse(endpoint, address, true);
    }

    public static UdpAddress forConnect(String endpoint, String address) {
        return parse(endpoint, address, false);
    }

    private static UdpAddress parse(String endpoint, String address, boolean bind) {
        int semicolon = address.indexOf(';');
        String source = semicolon < 0 ? null : address.substring(0, semicolon);
        String rest = semicolon < 0 ? address : address.substring(semicolon + 1);
        if (source != null && source.isEmpty()) {
            throw invalid(endpoint, "the source before ';' is empty");
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(endpoint, "expected host:port");
        }
        String host = rest.substring(0, colon);
        String portText = rest.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw invalid(endpoint, "an IPv6 address must be written as [address]:port");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw invalid(endpoint, "an IPv6 address must be written as [address]:port");
        }
        if (host.isEmpty()) {
            throw invalid(endpoint, "the host is empty");
        }
        if (!bind && host.equals("*")) {
            throw invalid(endpoint, "cannot connect to the wildcard address *");
        }
        return new UdpAddress(endpoint, source, host, parsePort(endpoint, portText, bind), bind);
    }

    private static int parsePort(String endpoint, String text, boolean bind) {
        if (text.equals("*")) {
            if (!bind) {
                throw invalid(endpoint, "cannot connect to the wildcard port *");
            }
            return 0;
        }
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(endpoint, "the port '" + text + "' is not a number");
        }
        if (port < 0 || port > 65535 || (!bind && port == 0)) {
            throw invalid(endpoint, "the port " + port + " is out of range");
        }
        return port;
    }

    private static ZmqException invalid(String endpoint, String reason) {
        return new ZmqException(ErrorCode.EINVAL, "invalid udp endpoint '" + endpoint + "': " + reason);
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * Opens the channel: bound (and joined to its group) for a DISH, ready to send for a RADIO. Throws ZmqException
     * (EADDRNOTAVAIL for a name that does not resolve or an address that is not ours, EADDRINUSE, EINVAL).
     */
    public Opened open() {
        InetAddress ip = resolveHost();
        NetworkInterface sourceInterface = source == null || source.equals("*") ? null : resolveInterface(source);
        if (sourceInterface != null && !ip.isMulticastAddress() && bind) {
            throw invalid(endpoint, "an interface before ';' is for a multicast group, and " + host + " is not one");
        }
        ProtocolFamily family = ip instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(family);
            channel.configureBlocking(false);
            Opened opened = bind ? bind(channel, ip, sourceInterface) : connect(channel, ip, sourceInterface);
            return opened;
        } catch (BindException e) {
            closeQuietly(channel);
            String reason = String.valueOf(e.getMessage());
            ErrorCode code = reason.contains("in use") ? ErrorCode.EADDRINUSE : ErrorCode.EADDRNOTAVAIL;
            throw new ZmqException(code, "cannot bind " + endpoint + ": " + reason, e);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            closeQuietly(channel);
            throw new ZmqException(ErrorCode.EADDRNOTAVAIL, "cannot open " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private Opened bind(DatagramChannel channel, InetAddress ip, NetworkInterface sourceInterface) throws IOException {
        if (!ip.isMulticastAddress()) {
            channel.bind(new InetSocketAddress(ip, port));
            InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
            String hostPort = TcpAddress.hostAndPort(bound);
            return new Opened(channel, null, "udp://" + hostPort);
        }
        // Several DISHes of one host may listen to the same group.
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        InetAddress any = InetAddress.getByName(ip instanceof Inet4Address ? "0.0.0.0" : "::");
        channel.bind(new InetSocketAddress(any, port));
        NetworkInterface joinOn = sourceInterface != null ? sourceInterface : defaultMulticastInterface(ip);
        channel.join(ip, joinOn);
        int boundPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        String group = TcpAddress.hostAndPort(new InetSocketAddress(ip, boundPort));
        return new Opened(channel, null, "udp://" + (source == null ? "" : source + ";") + group);
    }

    private Opened connect(DatagramChannel channel, InetAddress ip, NetworkInterface sourceInterface)
            throws IOException {
        if (ip.isMulticastAddress()) {
            // Our own DISHes on this host hear the group too, as with libzmq's default ZMQ_MULTICAST_LOOP.
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            if (sourceInterface != null) {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, sourceInterface);
            }
        } else if (source != null && !source.equals("*")) {
            InetAddress from = firstAddress(sourceInterface, ip instanceof Inet4Address);
            channel.bind(new InetSocketAddress(from, 0));
        }
        return new Opened(channel, new InetSocketAddress(ip, port), endpoint);
    }

    /** The host as an address: an IP literal, the wildcard, an interface's first address, or a name through DNS. */
    private InetAddress resolveHost() {
        try {
            if (host.equals("*")) {
                return InetAddress.getByName("0.0.0.0");
            }
            if (isIpLiteral(host)) {
                return InetAddress.getByName(host);
            }
            NetworkInterface named = NetworkInterface.getByName(host);
            if (named != null) {
                return firstAddress(named, true);
            }
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SocketException e) {
            throw new ZmqException(
                    ErrorCode.EADDRNOTAVAIL, "cannot resolve host '" + host + "' of endpoint '" + endpoint + "'", e);
        }
    }

    private NetworkInterface resolveInterface(String name) {
        try {
            NetworkInterface found = isIpLiteral(name)
                    ? NetworkInterface.getByInetAddress(InetAddress.getByName(name))
                    : NetworkInterface.getByName(name);
            if (found == null) {
                throw new ZmqException(
                        ErrorCode.EADDRNOTAVAIL, "no interface '" + name + "' for endpoint '" + endpoint + "'");
            }
            return found;
        } catch (UnknownHostException | SocketException e) {
            throw new ZmqException(
                    ErrorCode.EADDRNOTAVAIL, "no interface '" + name + "' for endpoint '" + endpoint + "'", e);
        }
    }

    /** An interface's first address, IPv4 first unless {@code preferIpv4} is false. */
    private InetAddress firstAddress(NetworkInterface networkInterface, boolean preferIpv4) {
        InetAddress other = null;
        for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
            if ((address instanceof Inet4Address) == preferIpv4) {
                return address;
            }
            other = other == null ? address : other;
        }
        if (other == null) {
            throw new ZmqException(
                    ErrorCode.EADDRNOTAVAIL,
                    "interface '" + networkInterface.getName() + "' of endpoint '" + endpoint + "' has no address");
        }
        return other;
    }

    /**
     * Where a DISH joins a group when the endpoint names no interface: the JDK needs one (libzmq lets the kernel
     * choose). The first interface that is up, does multicast and has an address of the group's family; the loopback
     * interface when no other does.
     */
    private NetworkInterface defaultMulticastInterface(InetAddress group) throws SocketException {
        boolean ipv4 = group instanceof Inet4Address;
        NetworkInterface loopback = null;
        for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!candidate.isUp() || !hasAddress(candidate, ipv4)) {
                continue;
            }
            if (candidate.isLoopback()) {
                loopback = candidate;
            } else if (candidate.supportsMulticast()) {
                return candidate;
            }
        }
        if (loopback == null) {
            throw new ZmqException(ErrorCode.EADDRNOTAVAIL, "no interface to join the group of '" + endpoint + "' on");
        }
        return loopback;
    }

    private static boolean hasAddress(NetworkInterface networkInterface, boolean ipv4) {
        for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
            if ((address instanceof Inet4Address) == ipv4) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4 dotted quad or an IPv6 address (the brackets gone): resolving it asks no DNS. */
    static boolean isIpLiteral(String text) {
        if (text.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Already failing: the first error is the one to report.
        }
    }

    @Override
    public String toString() {
        return endpoint;
    }
}
