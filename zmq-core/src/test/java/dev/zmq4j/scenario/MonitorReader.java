package dev.zmq4j.scenario;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketOption;
import dev.zmq4j.SocketType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The reading end of {@code Socket.monitor}: a PAIR connected to the monitor's inproc endpoint that decodes libzmq's
 * two-frame events (6 bytes: 16-bit event, 32-bit value, host order; then the endpoint). Used by the test thread.
 */
final class MonitorReader implements AutoCloseable {
    private static final int POLL_MS = 100;

    private final Socket pair;

    MonitorReader(Context context, String endpoint) {
        pair = context.socket(SocketType.PAIR);
        pair.set(SocketOption.LINGER, 0);
        pair.set(SocketOption.RCVTIMEO, POLL_MS);
        pair.connect(endpoint);
    }

    /** The next event, or null when none came within a short poll. */
    SocketEvent poll() {
        byte[] header = pair.recv();
        if (header == null) {
            return null;
        }
        if (header.length != 6 || !pair.hasMore()) {
            throw new AssertionError("monitor frame 1 must be 6 bytes followed by the endpoint frame, was "
                    + header.length + " bytes, more=" + pair.hasMore());
        }
        byte[] endpoint = pair.recv();
        if (endpoint == null || pair.hasMore()) {
            throw new AssertionError("monitor frame 2 (the endpoint) missing or followed by more frames");
        }
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
        int code = buffer.getShort() & 0xFFFF;
        int value = buffer.getInt();
        return new SocketEvent(SocketEvent.Type.fromCode(code), value, new String(endpoint, StandardCharsets.UTF_8));
    }

    /** Records the events this reader decodes. */
    EventRecorder recorder(String name) {
        return new EventRecorder(name, this::poll);
    }

    @Override
    public void close() {
        pair.close();
    }
}
