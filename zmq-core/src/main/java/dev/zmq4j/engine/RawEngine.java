package dev.zmq4j.engine;

import dev.zmq4j.core.Options;
import dev.zmq4j.io.Interest;
import dev.zmq4j.io.IoHandler;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.FrameQueue;
import dev.zmq4j.session.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * Raw bytes over one connected channel, for STREAM sockets talking to peers that do not speak ZMTP (libzmq's
 * raw_engine_t). There is no greeting and no framing: whatever one read returns travels to the socket as one
 * frame, and every frame the socket sends is written as it is. The socket adds and strips the routing id.
 *
 * <p>With STREAM_NOTIFY (the default) the engine tells the socket about the connection by pushing an empty frame
 * when it starts, and about its end by pushing another when the peer closes or the connection fails. Those
 * notifications are never dropped: when the pipe is full, the end of the connection waits until the socket has
 * made room for the last data and the notification.
 *
 * <p>An empty frame from the socket asks to close the connection: the engine writes everything before it, closes
 * the channel, and from then on only discards what reaches it through the pipe (its delimiter), so that the pipe
 * can finish terminating. The session ends with the pipe.
 *
 * <p>Back-pressure as in {@link StreamEngine}: when the session's pipe is full, reading stops (the chunk read is
 * kept) until the socket has read enough to reactivate the pipe; when the pipe is empty, writing stops until new
 * messages are flushed.
 *
 * <p>Called only on its I/O thread.
 */
public final class RawEngine implements Engine, IoHandler {
    private static final System.Logger LOG = System.getLogger(RawEngine.class.getName());
    /** One read fits a pipe entry's inline storage, so passing it to the socket allocates nothing. */
    private static final int READ_SIZE = FrameQueue.INLINE_MAX;

    private static final int WRITE_BUFFER_SIZE = 64 * 1024;
    /** Reads per readiness event before yielding to the other channels of the thread. */
    private static final int MAX_READS = 16;
    /** Rounds of pull-and-write per readiness event before yielding to the other channels of the thread. */
    private static final int MAX_WRITE_ROUNDS = 16;

    private enum State {
        ACTIVE,
        /** The connection is gone; the last data and the disconnect notification wait for room in the pipe. */
        CLOSING,
        /** The application closed the connection: the pipe is drained until its termination completes. */
        DRAINING,
        CLOSED
    }

    private final SocketChannel channel;
    private SelectionKey key;
    private final Options options;
    private final String endpoint;
    private final ByteBuffer inBuffer = ByteBuffer.allocate(READ_SIZE);
    private final Frame inView = new Frame();
    private final ByteBuffer outBuffer = ByteBuffer.allocate(WRITE_BUFFER_SIZE);
    /** The frame being copied into the output buffer, valid until the next pull from the pipe. */
    private final Frame outView = new Frame();

    private boolean copyingOut;
    private int outViewPosition;
    /** The socket sent the close request: write what is buffered, then close. */
    private boolean closeRequested;

    private IoThread ioThread;
    private Session session;
    private State state = State.ACTIVE;
    private boolean inputStopped;
    private boolean outputStopped = true;
    /** A chunk or the connect notification that found the pipe full. */
    private Frame pendingIn;

    private boolean disconnectNotificationPending;

    /**
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    public RawEngine(SocketChannel channel, SelectionKey key, Options options, String endpoint) {
        this.channel = channel;
        this.key = key;
        this.options = options;
        this.endpoint = endpoint;
    }

    @Override
    public void plug(IoThread ioThread, Session session) {
        this.ioThread = ioThread;
        this.session = session;
        if (key == null) {
            key = ioThread.register(channel, this);
        } else {
            key.attach(this);
        }
        // No handshake: the connection is usable at once.
        session.engineReady();
        if (options.streamNotify) {
            push(new Frame());
            session.flush();
        }
        if (!inputStopped) {
            Interest.add(key, SelectionKey.OP_READ);
        }
        // A connecting socket may have queued data before the connection existed.
        writeOut();
    }

    @Override
    public void inEvent() {
        for (int reads = 0; reads < MAX_READS && state == State.ACTIVE && !inputStopped; reads++) {
            inBuffer.clear();
            int read;
            try {
                read = channel.read(inBuffer);
            } catch (IOException e) {
                session.flush();
                connectionLost("read failed: " + e.getMessage());
                return;
            }
            if (read < 0) {
                session.flush();
                connectionLost("connection closed by the peer");
                return;
            }
            if (read == 0) {
                break;
            }
            push(inView.setView(inBuffer.array(), 0, read, 0));
            if (read < READ_SIZE) {
                // The kernel had no more for now.
                break;
            }
        }
        session.flush();
    }

    /** Delivers a frame to the socket, or keeps a copy and stops reading until the pipe has room. */
    private void push(Frame frame) {
        if (!session.pushFrame(frame)) {
            // A view points into the input buffer, which the next read overwrites.
            pendingIn = frame.copy();
            stopInput();
        }
    }

    private void stopInput() {
        inputStopped = true;
        if (key != null) {
            Interest.remove(key, SelectionKey.OP_READ);
        }
    }

    @Override
    public void restartInput() {
        if (!inputStopped || state == State.CLOSED || state == State.DRAINING) {
            return;
        }
        boolean delivered = deliverPending();
        session.flush();
        if (!delivered) {
            return;
        }
        inputStopped = false;
        if (state == State.CLOSING) {
            finishClosing();
        } else {
            Interest.add(key, SelectionKey.OP_READ);
        }
    }

    /** Pushes the kept chunk and then the disconnect notification; false while the pipe has no room. */
    private boolean deliverPending() {
        if (pendingIn != null) {
            if (!session.pushFrame(pendingIn)) {
                return false;
            }
            pendingIn = null;
        }
        if (disconnectNotificationPending) {
            if (!session.pushFrame(new Frame())) {
                return false;
            }
            disconnectNotificationPending = false;
        }
        return true;
    }

    @Override
    public void restartOutput() {
        if (state == State.DRAINING) {
            drain();
        } else if (state == State.ACTIVE && outputStopped) {
            writeOut();
        }
    }

    @Override
    public void outEvent() {
        writeOut();
    }

    private void writeOut() {
        for (int round = 0; round < MAX_WRITE_ROUNDS; round++) {
            fillOutput();
            if (outBuffer.position() == 0) {
                if (closeRequested) {
                    closeForApplication();
                    return;
                }
                outputStopped = true;
                Interest.remove(key, SelectionKey.OP_WRITE);
                return;
            }
            outBuffer.flip();
            try {
                channel.write(outBuffer);
            } catch (IOException e) {
                outBuffer.clear();
                connectionLost("write failed: " + e.getMessage());
                return;
            }
            boolean complete = !outBuffer.hasRemaining();
            outBuffer.compact();
            if (!complete) {
                break;
            }
        }
        // Either the kernel buffer is full or we yield to other channels: continue when writable.
        outputStopped = false;
        Interest.add(key, SelectionKey.OP_WRITE);
    }

    /** Copies frames from the pipe into the output buffer, a large frame over several rounds. */
    private void fillOutput() {
        while (outBuffer.hasRemaining() && !closeRequested) {
            if (!copyingOut) {
                if (!session.pullFrame(outView)) {
                    return;
                }
                if (outView.size() == 0) {
                    closeRequested = true;
                    return;
                }
                copyingOut = true;
                outViewPosition = 0;
            }
            int count = Math.min(outBuffer.remaining(), outView.size() - outViewPosition);
            outBuffer.put(outView.array(), outView.offset() + outViewPosition, count);
            outViewPosition += count;
            if (outViewPosition == outView.size()) {
                copyingOut = false;
            }
        }
    }

    @Override
    public void timerEvent(int timerId) {
        throw new IllegalStateException("a raw engine sets no timers");
    }

    /** The peer closed or the connection failed: tell the socket (if asked to), then the session. */
    private void connectionLost(String reason) {
        if (state != State.ACTIVE) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "closing raw connection " + endpoint + ": " + reason);
        // As for ZMTP connections: one that ends by itself (not closed by the application) is DISCONNECTED.
        session.socket().events().raise(dev.zmq4j.SocketEvent.Type.DISCONNECTED, channel, endpoint);
        closeChannel();
        state = State.CLOSING;
        disconnectNotificationPending = options.streamNotify;
        if (inputStopped) {
            // restartInput delivers the kept chunk and the notification, then finishes.
            return;
        }
        boolean delivered = deliverPending();
        session.flush();
        if (delivered) {
            finishClosing();
        } else {
            inputStopped = true;
        }
    }

    private void closeForApplication() {
        LOG.log(System.Logger.Level.DEBUG, () -> "closing raw connection " + endpoint + " as the application asked");
        closeChannel();
        state = State.DRAINING;
        pendingIn = null;
        drain();
    }

    /** Discards what the pipe still holds, up to its delimiter, so that its termination can complete. */
    private void drain() {
        while (session.pullFrame(outView)) {
            // discarded: the connection is closed
        }
    }

    private void finishClosing() {
        state = State.CLOSED;
        session.engineError();
    }

    @Override
    public void terminate() {
        if (state == State.ACTIVE && outBuffer.position() > 0) {
            // Best effort for data the socket sent just before closing the connection.
            outBuffer.flip();
            try {
                channel.write(outBuffer);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "last write to " + endpoint + " failed: " + e);
            }
        }
        state = State.CLOSED;
        closeChannel();
    }

    private void closeChannel() {
        if (key != null) {
            ioThread.unregister(key);
            key = null;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing channel", e);
        }
    }
}
