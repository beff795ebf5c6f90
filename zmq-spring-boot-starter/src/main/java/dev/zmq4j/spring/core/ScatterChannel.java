package dev.zmq4j.spring.core;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.spring.metrics.SocketMeters;
import dev.zmq4j.spring.metrics.ZmqMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The channel of a SCATTER or a RADIO: the socket is thread-safe, so there is no socket thread and no queue;
 * {@link #send} sends from the caller's thread and returns a completed future. A SCATTER's caller waits while no
 * GATHER can take the message, up to the socket's {@code send-timeout} (none by default, as for any blocking send); a
 * RADIO never waits, it drops what no DISH joined or can take. Single-part: a message of several frames fails.
 * Thread-safe; {@link #close} ends sends still waiting.
 */
final class ScatterChannel implements TemplateChannel {
    private static final Log LOG = LogFactory.getLog(ScatterChannel.class);
    private final String name;
    private final SocketType type;
    private final Socket socket;
    private final SocketMeters meters;

    ScatterChannel(String name, SocketType type, Socket socket, SocketMeters meters) {
        this.name = name;
        this.type = type;
        this.socket = socket;
        this.meters = meters;
    }

    @Override
    public CompletableFuture<Void> send(Message frames) {
        if (frames.size() != 1) {
            return CompletableFuture.failedFuture(new ZmqTemplateException("socket '" + name + "' is a " + type
                    + " socket, which sends one frame per message; this message has " + frames.size()));
        }
        try {
            if (!socket.send(frames)) {
                return CompletableFuture.failedFuture(new ZmqTemplateException(
                        "socket '" + name + "' could not take the message within its send-timeout"));
            }
        } catch (ZmqException e) {
            String reason = e.code() == ErrorCode.ENOTSOCK || e.code() == ErrorCode.ETERM
                    ? "the template '" + name + "' is closed"
                    : "socket '" + name + "' refused the message: " + e.getMessage();
            return CompletableFuture.failedFuture(new ZmqTemplateException(reason, e));
        }
        meters.sent(ZmqMetrics.sizeOf(frames));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Message> request(Message body, Duration timeout) {
        throw new IllegalStateException("a " + type + " does not do request-reply");
    }

    @Override
    public void connectLater(String endpoint) {
        try {
            socket.connect(endpoint);
        } catch (ZmqException e) {
            LOG.error("zmq template '" + name + "' cannot connect " + endpoint, e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
