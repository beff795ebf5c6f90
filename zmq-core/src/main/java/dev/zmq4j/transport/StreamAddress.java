package dev.zmq4j.transport;

import dev.zmq4j.core.Options;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The address of a stream transport ({@code tcp://}, {@code ipc://}) and what differs between them: how to resolve
 * it, which channels to open, how to tune a connection and how a bound address reads back as an endpoint. The
 * listener, connecter and engine are the same for both.
 *
 * <p>Implementations are immutable and thread-safe: made on the application thread, used on I/O threads.
 */
public interface StreamAddress {
    /** The endpoint as the application gave it. */
    String endpoint();

    /** Resolves the address (DNS for tcp host names); throws ZmqException when it cannot. */
    SocketAddress resolve();

    ServerSocketChannel openServerChannel(SocketAddress local) throws IOException;

    SocketChannel openChannel(SocketAddress remote) throws IOException;

    /** Sets the per-connection options of the transport (TCP_NODELAY, keepalive for tcp; buffer sizes). */
    void tune(SocketChannel channel, Options options) throws IOException;

    /** The endpoint text of a bound address, as libzmq prints it in LAST_ENDPOINT. */
    String format(SocketAddress bound);

    /** Called before binding: ipc removes a socket file a previous run left behind, as libzmq does. */
    default void prepareBind(SocketAddress local) throws IOException {}

    /** Called after the listener closed: ipc removes its socket file. */
    default void cleanUp(SocketAddress bound) {}
}
