package dev.zmq4j.engine;

import dev.zmq4j.io.Interest;
import dev.zmq4j.io.IoHandler;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.UdpDatagram;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * Drives a RADIO's or a DISH's {@code udp://} endpoint over one datagram channel (libzmq's udp_engine_t): one message
 * per datagram ({@link UdpDatagram}), no handshake, no JOIN or LEAVE on the wire.
 *
 * <p>Sending (a RADIO's, {@code target} set): each message the session's pipe holds, group frame (MORE) then body,
 * becomes one datagram to the target. A message whose datagram would exceed 8192 bytes is dropped and counted in
 * {@link DatagramCounters}, with one WARNING per engine. When the kernel's buffer is full the datagram waits for the
 * channel to be writable; meanwhile messages wait in the pipe, up to its high-water mark, and past it the RADIO drops.
 *
 * <p>Receiving (a DISH's, {@code target} null): each well-formed datagram goes into the pipe as group frame (MORE) and
 * body; a malformed one is ignored and counted; at the pipe's high-water mark datagrams are dropped, as the network
 * would drop them. The DISH filters by its groups; its JOIN and LEAVE reach this engine and are discarded.
 *
 * <p>Made on the application thread, then used only on its I/O thread.
 */
public final class UdpEngine implements Engine, IoHandler {
    private static final System.Logger LOG = System.getLogger(UdpEngine.class.getName());
    /** Datagrams handled per readiness event before yielding to the other channels of the thread. */
    private static final int MAX_DATAGRAMS_PER_EVENT = 256;

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final String endpoint;
    private final DatagramCounters counters;
    private final ByteBuffer out = ByteBuffer.allocate(UdpDatagram.MAX_SIZE);
    /** The group of the message being encoded, copied out of the pipe before its body is read. */
    private final byte[] group = new byte[255];

    private final Frame view = new Frame();
    private final Frame body = new Frame();
    private IoThread ioThread;
    private EngineHost host;
    private SelectionKey key;
    /** {@link #out} holds a datagram (read mode) the kernel did not take yet. */
    private boolean pending;

    private boolean closed;

    /**
     * @param channel non-blocking; bound for a DISH
     * @param target where a RADIO sends; null for a DISH
     */
    public UdpEngine(DatagramChannel channel, InetSocketAddress target, String endpoint, DatagramCounters counters) {
        this.channel = channel;
        this.target = target;
        this.endpoint = endpoint;
        this.counters = counters;
    }

    @Override
    public void plug(IoThread ioThread, EngineHost host) {
        this.ioThread = ioThread;
        this.host = host;
        key = ioThread.register(channel, this);
        if (target == null) {
            Interest.add(key, SelectionKey.OP_READ);
        }
        restartOutput();
    }

    @Override
    public void restartInput() {
        // Datagrams that found the pipe full were dropped: there is nothing to resume.
    }

    @Override
    public void restartOutput() {
        if (closed) {
            return;
        }
        if (target == null) {
            // A DISH's JOIN and LEAVE have no meaning on udp.
            while (host.pullFrame(view)) {
                // discarded
            }
            return;
        }
        sendQueued();
    }

    @Override
    public void outEvent() {
        sendQueued();
    }

    /** Sends what the pipe holds, until it is empty, the kernel is full, or this event's share is used. */
    private void sendQueued() {
        for (int i = 0; i < MAX_DATAGRAMS_PER_EVENT; i++) {
            if (pending && !sendPending()) {
                Interest.add(key, SelectionKey.OP_WRITE);
                return;
            }
            if (closed || !loadNextDatagram()) {
                if (!closed) {
                    Interest.remove(key, SelectionKey.OP_WRITE);
                }
                return;
            }
        }
        // More may wait: come back when the channel is writable, after the other channels had their turn.
        Interest.add(key, SelectionKey.OP_WRITE);
    }

    /** Encodes the pipe's next message into {@link #out}; false when the pipe is empty. */
    private boolean loadNextDatagram() {
        while (host.pullFrame(view)) {
            if (!view.hasMore()) {
                // No group frame: not a RADIO message.
                continue;
            }
            int groupLength = Math.min(view.size(), group.length + 1);
            if (groupLength <= group.length) {
                System.arraycopy(view.array(), view.offset(), group, 0, groupLength);
            }
            if (!host.pullFrame(body)) {
                return false;
            }
            boolean twoFrames = !body.hasMore();
            while (body.hasMore() && host.pullFrame(body)) {
                // A third frame: not a RADIO message; dropped whole.
            }
            if (!twoFrames) {
                continue;
            }
            out.clear();
            if (UdpDatagram.encode(out, group, 0, groupLength, body.array(), body.offset(), body.size())) {
                out.flip();
                pending = true;
                return true;
            }
            oversized(UdpDatagram.size(groupLength, body.size()));
        }
        return false;
    }

    private void oversized(int size) {
        // Once at WARNING per socket, so that a RADIO that keeps sending too much does not flood the log.
        System.Logger.Level level =
                counters.countOversized() == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        LOG.log(
                level,
                () -> "dropped a RADIO message for " + endpoint + ": its datagram would be " + size
                        + " bytes, more than udp's " + UdpDatagram.MAX_SIZE);
    }

    /** Hands {@link #out} to the kernel; false when it has no room for it now. */
    private boolean sendPending() {
        try {
            if (channel.send(out, target) == 0) {
                return false;
            }
        } catch (IOException e) {
            // udp does not promise delivery: a datagram the network refuses (no route, say) is lost, not retried.
            LOG.log(System.Logger.Level.DEBUG, () -> "a datagram to " + endpoint + " was not sent: " + e);
        }
        pending = false;
        return true;
    }

    @Override
    public void inEvent() {
        boolean delivered = false;
        for (int i = 0; i < MAX_DATAGRAMS_PER_EVENT && !closed; i++) {
            ByteBuffer in = ioThread.sharedInputBuffer();
            try {
                if (channel.receive(in) == null) {
                    break;
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "receiving on " + endpoint + " failed: " + e);
                break;
            }
            in.flip();
            delivered |= deliver(in);
        }
        if (delivered) {
            host.flush();
        }
    }

    /** Pushes one datagram (read mode) to the pipe as group and body; false when it was malformed or dropped. */
    private boolean deliver(ByteBuffer datagram) {
        int groupLength = UdpDatagram.groupLength(datagram);
        if (groupLength < 0) {
            counters.countMalformed();
            return false;
        }
        int start = datagram.arrayOffset() + datagram.position();
        view.setView(datagram.array(), start + 1, groupLength, Frame.MORE);
        body.setView(datagram.array(), start + 1 + groupLength, datagram.remaining() - 1 - groupLength, 0);
        if (!host.pushFrame(view)) {
            // The DISH is at its high-water mark: lost, as on a congested network.
            return false;
        }
        // Room for the group is room for its body: the pipe counts messages, and nothing changes it in between.
        host.pushFrame(body);
        return true;
    }

    @Override
    public void timerEvent(int timerId) {
        throw new IllegalStateException("a udp engine sets no timers");
    }

    @Override
    public void handlerFailed(Throwable failure) {
        if (closed) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "closing udp endpoint " + endpoint + ": " + failure);
        close();
        host.engineError();
    }

    @Override
    public void terminate() {
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            ioThread.unregister(key);
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing udp endpoint " + endpoint + ": " + e);
        }
    }
}
