package dev.zmq4j.transport;

import dev.zmq4j.core.Options;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * SNDBUF and RCVBUF on a connection, when the application set them (-1 leaves the operating system's sizes).
 *
 * <p>Stateless and thread-safe.
 */
public final class BufferSizes {
    private BufferSizes() {}

    public static void apply(SocketChannel channel, Options options) throws IOException {
        if (options.sendBuffer >= 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBuffer);
        }
        if (options.receiveBuffer >= 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer);
        }
    }
}
