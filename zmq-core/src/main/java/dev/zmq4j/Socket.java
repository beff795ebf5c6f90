package dev.zmq4j;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.socket.SocketBase;
import dev.zmq4j.socket.clientserver.Peer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZeroMQ socket. The classic types (everything but the draft types) are not thread-safe, like libzmq's: use such a
 * socket from one thread at a time (using it from two threads at once fails with EINVAL rather than corrupting it).
 * The draft types (CLIENT, SERVER, GATHER, SCATTER, PEER, CHANNEL; {@link SocketType#isThreadSafe()}) are thread-safe: any number of threads may call
 * any method at once, a thread blocked in a receive does not hold up another's send, and {@link #close()} from one
 * thread ends the others' calls with ENOTSOCK.
 *
 * <p>For the classic types, the one-thread rule includes {@link #close()}: called from another thread while a call is
 * running, it fails with EINVAL and leaves the socket as it was. Blocking calls of every type wake up with ETERM when
 * the context is closed, which is how another thread ends them.
 *
 * <p>Arrays passed to {@code send(byte[])} may be handed over rather than copied (large ones are): do not modify
 * them afterwards. {@code send(byte[], int, int, int)} copies, so its buffer may be reused at once.
 */
public final class Socket implements AutoCloseable {
    /** Send flag: more frames of the same message follow. */
    public static final int SNDMORE = 2;
    /** Send/receive flag: fail instead of blocking (send returns false, recv returns null). */
    public static final int DONTWAIT = 1;

    private final SocketBase base;
    /** Reused for every send and receive: frames cross into pipes by copy, so no call allocates a frame. */
    private final Frame outgoing = new Frame();

    private final Frame incoming = new Frame();

    Socket(SocketBase base) {
        this.base = base;
    }

    /**
     * The frame a send fills: the socket's own, reused, or for a thread-safe socket a new one per call, since a call
     * waiting for room lets other threads' calls in.
     */
    private Frame outgoing() {
        return base.isThreadSafe() ? new Frame() : outgoing;
    }

    /** The frame a receive fills; per call for a thread-safe socket, as {@link #outgoing()}. */
    private Frame incoming() {
        return base.isThreadSafe() ? new Frame() : incoming;
    }

    /** The engine side, for the poller. */
    SocketBase base() {
        return base;
    }

    /** Sends a frame as it is (the proxy's copy-free path); see {@link SocketBase#send}. */
    boolean sendFrame(Frame frame, boolean dontWait) {
        base.enter();
        try {
            return base.send(frame, dontWait);
        } finally {
            base.exit();
        }
    }

    /** Receives a frame into a view valid until the next receive; see {@link SocketBase#recv}. */
    boolean recvFrame(Frame view, boolean dontWait) {
        base.enter();
        try {
            return base.recv(view, dontWait);
        } finally {
            base.exit();
        }
    }

    /** {@link SocketOption#EVENTS}: POLLIN/POLLOUT bits. */
    int pollEvents() {
        base.enter();
        try {
            return base.pollEvents();
        } finally {
            base.exit();
        }
    }

    public SocketType type() {
        return base.type();
    }

    /** Binds to an endpoint: {@code tcp://host:port} (host {@code *} and port {@code *} allowed), {@code inproc://name}. */
    public void bind(String endpoint) {
        base.enter();
        try {
            base.bind(endpoint);
        } finally {
            base.exit();
        }
    }

    /** Connects to an endpoint; the connection is made (and remade) in the background. */
    public void connect(String endpoint) {
        base.enter();
        try {
            base.connect(endpoint);
        } finally {
            base.exit();
        }
    }

    /** Stops listening on an endpoint given to {@link #bind} (or the resolved form from {@link #lastEndpoint}). */
    public void unbind(String endpoint) {
        base.enter();
        try {
            base.unbind(endpoint);
        } finally {
            base.exit();
        }
    }

    /** Drops the connection made by {@link #connect} to an endpoint. */
    public void disconnect(String endpoint) {
        base.enter();
        try {
            base.disconnect(endpoint);
        } finally {
            base.exit();
        }
    }

    /** The last endpoint bound or connected, resolved: e.g. {@code tcp://127.0.0.1:40123} after binding port *. */
    public String lastEndpoint() {
        return base.lastEndpoint();
    }

    public boolean send(byte[] data) {
        return send(data, 0);
    }

    /**
     * Sends one frame.
     *
     * @param flags {@link #SNDMORE} and/or {@link #DONTWAIT}
     * @return false when DONTWAIT was given and the send would block, or SNDTIMEO expired
     */
    public boolean send(byte[] data, int flags) {
        if (data == null) {
            throw new ZmqException(ErrorCode.EINVAL, "cannot send a null frame");
        }
        base.enter();
        try {
            Frame frame = outgoing().setOwned(data, (flags & SNDMORE) != 0 ? Frame.MORE : 0);
            return base.send(frame, (flags & DONTWAIT) != 0);
        } finally {
            base.exit();
        }
    }

    /**
     * Sends {@code length} bytes of {@code buffer} from {@code offset} as one frame. The bytes are copied, so the
     * caller may reuse the buffer at once: the form for hot loops.
     *
     * @return false when DONTWAIT was given and the send would block, or SNDTIMEO expired
     */
    public boolean send(byte[] buffer, int offset, int length, int flags) {
        if (buffer == null) {
            throw new ZmqException(ErrorCode.EINVAL, "cannot send from a null buffer");
        }
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "offset " + offset + " and length " + length + " do not fit a buffer of " + buffer.length
                            + " bytes");
        }
        base.enter();
        try {
            Frame frame = outgoing().setView(buffer, offset, length, (flags & SNDMORE) != 0 ? Frame.MORE : 0);
            return base.send(frame, (flags & DONTWAIT) != 0);
        } finally {
            base.exit();
        }
    }

    /** Sends a string as one UTF-8 frame. */
    public boolean send(String text) {
        return send(text, 0);
    }

    /** Sends a string as one UTF-8 frame, with {@link #SNDMORE} and/or {@link #DONTWAIT}. */
    public boolean send(String text, int flags) {
        if (text == null) {
            throw new ZmqException(ErrorCode.EINVAL, "cannot send a null string");
        }
        return send(text.getBytes(StandardCharsets.UTF_8), flags);
    }

    /**
     * Sends all frames of a message as one: the peer gets all of them or none. Waits for room as SNDTIMEO allows;
     * once the message is taken its frames all go at once, so no timeout can expire in its middle and no frame of it
     * can go to another peer than its first.
     *
     * @return false, with nothing of the message queued, when SNDTIMEO expired before the message could be taken
     */
    public boolean send(Message message) {
        if (message == null || message.size() == 0) {
            throw new ZmqException(ErrorCode.EINVAL, "cannot send a null or empty message");
        }
        base.enter();
        try {
            int last = message.size() - 1;
            Frame frame = outgoing().setOwned(message.get(0), last > 0 ? Frame.MORE : 0);
            frame.setRoutingId(message.routingId()).setGroup(message.group());
            if (!base.send(frame, false)) {
                return false;
            }
            for (int i = 1; i <= last; i++) {
                frame.setOwned(message.get(i), i < last ? Frame.MORE : 0);
                base.sendRestOfMessage(frame);
            }
            return true;
        } finally {
            base.exit();
        }
    }

    public byte[] recv() {
        return recv(0);
    }

    /**
     * Receives one frame.
     *
     * @param flags {@link #DONTWAIT} or 0
     * @return the frame, or null when DONTWAIT was given and nothing was there, or RCVTIMEO expired
     */
    public byte[] recv(int flags) {
        base.enter();
        try {
            Frame frame = incoming();
            return base.recv(frame, (flags & DONTWAIT) != 0) ? frame.data() : null;
        } finally {
            base.exit();
        }
    }

    /**
     * Receives one frame into {@code buffer} at {@code offset}, like {@code zmq_recv}: at most {@code length} bytes
     * are copied (the rest of a longer frame is dropped) and the frame's full size is returned, so a result larger
     * than {@code length} means the frame was truncated.
     *
     * @return the frame's size, or -1 when DONTWAIT was given and nothing was there, or RCVTIMEO expired
     */
    public int recv(byte[] buffer, int offset, int length, int flags) {
        if (buffer == null) {
            throw new ZmqException(ErrorCode.EINVAL, "cannot receive into a null buffer");
        }
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "offset " + offset + " and length " + length + " do not fit a buffer of " + buffer.length
                            + " bytes");
        }
        base.enter();
        try {
            Frame frame = incoming();
            if (!base.recv(frame, (flags & DONTWAIT) != 0)) {
                return -1;
            }
            frame.copyTo(buffer, offset, length);
            return frame.size();
        } finally {
            base.exit();
        }
    }

    /** Receives one frame as UTF-8 text; null as for {@link #recv(int)}. */
    public String recvString() {
        byte[] data = recv(0);
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** Receives all frames of the next message; null when none came within RCVTIMEO. */
    public Message recvMessage() {
        return recvMessage(0);
    }

    /**
     * Receives all frames of a message.
     *
     * @param flags {@link #DONTWAIT} or 0
     * @return the message, or null when DONTWAIT was given and none was there, or RCVTIMEO expired
     */
    public Message recvMessage(int flags) {
        base.enter();
        try {
            Frame frame = incoming();
            if (!base.recv(frame, (flags & DONTWAIT) != 0)) {
                return null;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(frame.data());
            int routingId = frame.routingId();
            String group = frame.group();
            // A ROUTER's routing-id frame is made by the socket; the frames from the peer carry its properties.
            Properties properties = frame.properties();
            while (frame.hasMore() && base.recv(frame, false)) {
                frames.add(frame.data());
                if (frame.properties() != null) {
                    properties = frame.properties();
                }
            }
            Message message = Message.ofReceived(frames, properties);
            return routingId == 0 && group == null
                    ? message
                    : message.routingId(routingId).group(group);
        } finally {
            base.exit();
        }
    }

    /**
     * PEER only: connects as {@link #connect} does and returns the routing id of that connection's peer, to send to
     * it at once (libzmq's zmq_connect_peer). Not with IMMEDIATE.
     *
     * @throws ZmqException EINVAL on another type, or with IMMEDIATE set
     */
    public int connectPeer(String endpoint) {
        if (!(base instanceof Peer)) {
            throw new ZmqException(ErrorCode.EINVAL, "connectPeer applies to PEER sockets, not to " + type());
        }
        base.enter();
        try {
            return ((Peer) base).connectPeer(endpoint);
        } finally {
            base.exit();
        }
    }

    /**
     * DISH: receive the messages RADIO peers send to {@code group} (at most 255 bytes of UTF-8). Draft in libzmq.
     *
     * @throws ZmqException EINVAL when the group is joined already, too long, or this is not a DISH
     */
    public void join(String group) {
        base.enter();
        try {
            base.join(group);
        } finally {
            base.exit();
        }
    }

    /**
     * DISH: stop receiving the messages of {@code group}. Draft in libzmq.
     *
     * @throws ZmqException EINVAL when the group is not joined, or this is not a DISH
     */
    public void leave(String group) {
        base.enter();
        try {
            base.leave(group);
        } finally {
            base.exit();
        }
    }

    /** Whether the last frame received has more frames after it. */
    public boolean hasMore() {
        return base.hasMore();
    }

    public <T> void set(SocketOption<T> option, T value) {
        if (option == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the option must not be null");
        }
        base.enter();
        try {
            option.apply(base, value);
        } finally {
            base.exit();
        }
    }

    public <T> T get(SocketOption<T> option) {
        if (option == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the option must not be null");
        }
        base.enter();
        try {
            return option.read(base);
        } finally {
            base.exit();
        }
    }

    /**
     * Starts sending this socket's events to a PAIR socket bound to {@code endpoint}, like libzmq's
     * {@code zmq_socket_monitor}: connect a PAIR to the endpoint and each event arrives as two frames, a 6-byte frame
     * holding the 16-bit event code and the 32-bit value in host byte order, and the endpoint string (see
     * {@link SocketEvent}). Events are dropped, never queued without bound, when the reader falls behind or has not
     * connected yet. A second call replaces the monitor; {@code monitor(null, 0)} stops it. Stopping, replacing and
     * closing the socket send MONITOR_STOPPED if {@code events} includes it.
     *
     * @param endpoint an {@code inproc://} endpoint, or null to stop monitoring
     * @param events the events to send: {@link SocketEvent.Type#code()}s or-ed, or {@link SocketEvent#ALL}
     * @throws ZmqException EPROTONOSUPPORT for an endpoint that is not inproc, EADDRINUSE when it is taken,
     *         EINVAL for bits outside {@link SocketEvent#ALL}
     */
    public void monitor(String endpoint, int events) {
        base.enter();
        try {
            base.monitor(endpoint, events);
        } finally {
            base.exit();
        }
    }

    /**
     * Calls {@code listener} for each of this socket's events selected by {@code events} (the Java form of
     * {@link #monitor}). May be called from any thread, also while the socket is in use. The listener runs on the
     * thread where the event happens, often an I/O thread: it must be quick, must not block and must not use the
     * socket. When the socket is closed listeners get MONITOR_STOPPED (if selected) and are dropped.
     *
     * @param events {@link SocketEvent.Type#code()}s or-ed, or {@link SocketEvent#ALL}
     */
    public void addEventListener(SocketEventListener listener, int events) {
        base.events().addListener(listener, events);
    }

    /** Stops calling a listener added with {@link #addEventListener}; any thread. */
    public void removeEventListener(SocketEventListener listener) {
        base.events().removeListener(listener);
    }

    /**
     * Closes the socket; pending messages are kept for LINGER in the background. Idempotent. Later calls fail with
     * ENOTSOCK (ETERM once the context is closed).
     *
     * <p>Close it on the thread that uses it, or on another one once no call is running (handed over as any use of
     * the socket is). A close() that races a call on another thread, a {@code recv} or {@code send} that blocks or a
     * {@link Poller#poll} that waits on this socket, is the socket used by two threads at once: it throws and the
     * call goes on undisturbed. To end such a call from outside, close the {@link Context}: the call fails with ETERM.
     *
     * @throws ZmqException EINVAL when another thread is inside a call on this socket
     */
    @Override
    public void close() {
        base.close();
    }

    @Override
    public String toString() {
        return "Socket[" + base.type() + (base.lastEndpoint() == null ? "" : ", " + base.lastEndpoint()) + "]";
    }
}
