package dev.zmq4j.socket;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.msg.Frame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The PAIR socket of {@code zmq_socket_monitor}: bound to an {@code inproc://} endpoint in the monitored socket's
 * context, it sends each event as libzmq's two-frame message, readable by a PAIR (zmq4j or not) connected there:
 *
 * <pre>
 *  frame 1 (6 bytes, host byte order, MORE)     frame 2
 * +----------------+--------------------------+ +----------------------+
 * | event id (u16) | value (u32)              | | endpoint (UTF-8)     |
 * +----------------+--------------------------+ +----------------------+
 * </pre>
 *
 * <p>Sends never block: when the reader is slow (its pipe full) or not connected yet, the event is dropped, as in
 * libzmq. Not thread-safe: events come from I/O threads and the application thread, so {@link SocketEvents} calls
 * it under its lock.
 */
final class MonitorSocket {
    private static final System.Logger LOG = System.getLogger(MonitorSocket.class.getName());
    private static final int HEADER_SIZE = 6;

    private final SocketBase pair;
    private final String endpoint;
    private final int mask;
    private final Frame frame = new Frame();
    private boolean broken;

    private MonitorSocket(SocketBase pair, String endpoint, int mask) {
        this.pair = pair;
        this.endpoint = endpoint;
        this.mask = mask;
    }

    /** Creates the PAIR in {@code context} and binds it to {@code endpoint} (already checked to be inproc). */
    static MonitorSocket open(ContextCore context, String endpoint, int mask) {
        SocketBase pair = SocketFactory.create(context, SocketType.PAIR);
        context.addSocket(pair);
        pair.enter();
        try {
            pair.bind(endpoint);
        } catch (RuntimeException e) {
            pair.exit();
            pair.close();
            throw e;
        }
        pair.exit();
        return new MonitorSocket(pair, endpoint, mask);
    }

    int mask() {
        return mask;
    }

    boolean wants(int code) {
        return (mask & code) != 0;
    }

    void send(SocketEvent event) {
        if (broken) {
            return;
        }
        byte[] header = new byte[HEADER_SIZE];
        ByteBuffer.wrap(header)
                .order(ByteOrder.nativeOrder())
                .putShort((short) event.type().code())
                .putInt(event.value());
        try {
            pair.enter();
        } catch (ZmqException closed) {
            // The context closed the PAIR under us: nothing can be sent any more.
            broken = true;
            return;
        }
        try {
            frame.setOwned(header, Frame.MORE);
            if (pair.send(frame, true)) {
                // The second frame of a message always fits where its first did (see sendRestOfMessage).
                frame.setOwned(event.endpoint().getBytes(StandardCharsets.UTF_8), 0);
                pair.sendRestOfMessage(frame);
            }
        } catch (ZmqException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "monitor " + endpoint + " stopped sending: " + e.getMessage());
            broken = true;
        } finally {
            pair.exit();
        }
    }

    /**
     * Closes the PAIR; what it already sent stays readable by the peer. The endpoint is released at once, so that a
     * new monitor may bind it right away (closing alone releases it later, on the reaper thread).
     */
    void close() {
        try {
            pair.enter();
            try {
                pair.unbind(endpoint);
            } finally {
                pair.exit();
            }
        } catch (ZmqException alreadyGone) {
            // Closed by the context already: its endpoint went with it.
        }
        pair.close();
    }
}
