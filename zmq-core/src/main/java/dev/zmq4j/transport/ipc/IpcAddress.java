package dev.zmq4j.transport.ipc;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import dev.zmq4j.transport.BufferSizes;
import dev.zmq4j.transport.StreamAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The address part of an {@code ipc://} endpoint: the path of a Unix domain socket (JDK 16+), so zmq4j talks to
 * libzmq's ipc. {@code ipc://*} binds a fresh path in a new temporary directory. As libzmq does, binding removes
 * a socket file a previous run left behind, and unbinding removes the file. Linux's abstract namespace
 * ({@code ipc://@name}) is not available to Java.
 *
 * <p>Immutable and thread-safe: parsed on the application thread, used on I/O threads.
 */
public final class IpcAddress implements StreamAddress {
    /** sun_path holds 108 bytes, one of them the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    private final String endpoint;
    private final Path path;

    private IpcAddress(String endpoint, Path path) {
        this.endpoint = endpoint;
        this.path = path;
    }

    public static IpcAddress forBind(String endpoint, String address) {
        if (address.equals("*")) {
            try {
                Path directory = Files.createTempDirectory("zmq4j-ipc-");
                return new IpcAddress(endpoint, directory.resolve("socket"));
            } catch (IOException e) {
                throw new ZmqException(ErrorCode.EIO, "cannot create a directory for " + endpoint, e);
            }
        }
        return parse(endpoint, address);
    }

    public static IpcAddress forConnect(String endpoint, String address) {
        if (address.equals("*")) {
            throw new ZmqException(ErrorCode.EINVAL, "invalid ipc endpoint '" + endpoint + "': cannot connect to *");
        }
        return parse(endpoint, address);
    }

    private static IpcAddress parse(String endpoint, String address) {
        if (address.startsWith("@")) {
            throw new ZmqException(
                    ErrorCode.EPROTONOSUPPORT,
                    "ipc endpoint '" + endpoint
                            + "' is in Linux's abstract namespace, which Java's Unix domain sockets do not support");
        }
        if (address.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "invalid ipc endpoint '" + endpoint + "': the path is longer than " + MAX_PATH_BYTES + " bytes");
        }
        try {
            return new IpcAddress(endpoint, Path.of(address));
        } catch (InvalidPathException e) {
            // A NUL byte, for one: libzmq's C string would silently end there; a clear refusal is better.
            throw new ZmqException(ErrorCode.EINVAL, "invalid ipc endpoint '" + endpoint + "': " + e.getReason(), e);
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public SocketAddress resolve() {
        return UnixDomainSocketAddress.of(path);
    }

    @Override
    public ServerSocketChannel openServerChannel(SocketAddress local) throws IOException {
        return ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    }

    @Override
    public SocketChannel openChannel(SocketAddress remote) throws IOException {
        return SocketChannel.open(StandardProtocolFamily.UNIX);
    }

    @Override
    public void tune(SocketChannel channel, Options options) throws IOException {
        // Unix domain sockets have no Nagle algorithm and no keepalive; buffer sizes apply.
        BufferSizes.apply(channel, options);
    }

    @Override
    public String format(SocketAddress bound) {
        return "ipc://" + ((UnixDomainSocketAddress) bound).getPath();
    }

    @Override
    public void prepareBind(SocketAddress local) throws IOException {
        Files.deleteIfExists(((UnixDomainSocketAddress) local).getPath());
    }

    @Override
    public void cleanUp(SocketAddress bound) {
        try {
            Files.deleteIfExists(((UnixDomainSocketAddress) bound).getPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the socket file of " + endpoint, e);
        }
    }

    @Override
    public String toString() {
        return endpoint;
    }
}
