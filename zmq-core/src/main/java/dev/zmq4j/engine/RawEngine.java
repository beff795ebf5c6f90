package dev.zmq4j.engine;

import dev.zmq4j.core.Options;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.pipe.FrameQueue;
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
 * <p>Back-pressure as in every {@link ChannelEngine}: when the host has no room, reading stops (the chunk read is
 * kept) until the socket has read enough to reactivate the pipe; when it has nothing to send, writing stops until
 * new messages are flushed.
 *
 * <p>Called only on its I/O thread.
 */
public final class RawEngine extends ChannelEngine {
    private static final System.Logger LOG = System.getLogger(RawEngine.class.getName());
    /** One read fits a pipe entry's inline storage, so passing it to the socket allocates nothing. */
    private static final int READ_SIZE = FrameQueue.INLINE_MAX;

    /** Reads per readiness event before yielding to the other channels of the thread. */
    private static final int MAX_READS = 16;

    private enum State {
        ACTIVE,
        /** The connection is gone; the last data and the disconnect notification wait for room in the pipe. */
        CLOSING,
        /** The application closed the connection: the pipe is drained until its termination completes. */
        DRAINING,
        CLOSED
    }

    private final ByteBuffer inBuffer = ByteBuffer.allocate(READ_SIZE);
    private final Frame inView = new Frame();
    /** The frame being copied into the output buffer, valid until the next pull from the pipe. */
    private final Frame outView = new Frame();

    private boolean copyingOut;
    private int outViewPosition;
    /** The socket sent the close request: write what is buffered, then close. */
    private boolean closeRequested;

    private State state = State.ACTIVE;
    /** A chunk or the connect notification that found the pipe full. */
    private Frame pendingIn;

    private boolean disconnectNotificationPending;

    /**
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    public RawEngine(SocketChannel channel, SelectionKey key, Options options, String endpoint) {
        super(channel, key, options, endpoint);
    }

    @Override
    protected void started() {
        // No handshake: the connection is usable at once.
        host().engineReady(Properties.builder()
                .put(Properties.PEER_ADDRESS, peerAddress())
                .build());
        if (options.streamNotify) {
            push(new Frame());
            host().flush();
        }
        startReading();
        // A connecting socket may have queued data before the connection existed.
        writeOut();
    }

    // ---- input -------------------------------------------------------------------------------------------

    @Override
    protected int readsPerEvent() {
        return MAX_READS;
    }

    @Override
    protected ByteBuffer inputTarget() {
        inBuffer.clear();
        return inBuffer;
    }

    @Override
    protected void bytesRead(int count) {
        push(inView.setView(inBuffer.array(), 0, count, 0));
    }

    /** Delivers a frame to the socket, or keeps a copy and stops reading until the pipe has room. */
    private void push(Frame frame) {
        if (!host().pushFrame(frame)) {
            // A view points into the input buffer, which the next read overwrites.
            pendingIn = frame.copy();
            stopInput();
        }
    }

    @Override
    public void restartInput() {
        if (!isInputStopped() || state == State.CLOSED || state == State.DRAINING) {
            return;
        }
        boolean delivered = deliverPending();
        host().flush();
        if (!delivered) {
            return;
        }
        resumeInput();
        if (state == State.CLOSING) {
            finishClosing();
        }
    }

    /** Pushes the kept chunk and then the disconnect notification; false while the pipe has no room. */
    private boolean deliverPending() {
        if (pendingIn != null) {
            if (!host().pushFrame(pendingIn)) {
                return false;
            }
            pendingIn = null;
        }
        if (disconnectNotificationPending) {
            if (!host().pushFrame(new Frame())) {
                return false;
            }
            disconnectNotificationPending = false;
        }
        return true;
    }

    // ---- output ------------------------------------------------------------------------------------------

    @Override
    public void restartOutput() {
        if (state == State.DRAINING) {
            drain();
        } else if (state == State.ACTIVE) {
            super.restartOutput();
        }
    }

    /** Copies frames from the pipe into the output buffer, a large frame over several rounds. */
    @Override
    protected void produceOutput(ByteBuffer out) {
        while (out.hasRemaining() && !closeRequested) {
            if (!copyingOut) {
                if (!host().pullFrame(outView)) {
                    return;
                }
                if (outView.size() == 0) {
                    closeRequested = true;
                    break;
                }
                copyingOut = true;
                outViewPosition = 0;
            }
            int count = Math.min(out.remaining(), outView.size() - outViewPosition);
            out.put(outView.array(), outView.offset() + outViewPosition, count);
            outViewPosition += count;
            if (outViewPosition == outView.size()) {
                copyingOut = false;
            }
        }
        if (closeRequested && out.position() == 0) {
            // Everything before the close request is written.
            closeForApplication();
        }
    }

    // ---- closing -----------------------------------------------------------------------------------------

    @Override
    public void timerEvent(int timerId) {
        throw new IllegalStateException("a raw engine sets no timers");
    }

    /** The peer closed or the connection failed: tell the socket (if asked to), then the session. */
    @Override
    protected void connectionLost(String reason, int errno) {
        if (state != State.ACTIVE) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "closing raw connection " + endpoint + ": " + reason);
        host().flush();
        reportDisconnected();
        closeChannel();
        state = State.CLOSING;
        disconnectNotificationPending = options.streamNotify;
        if (isInputStopped()) {
            // restartInput delivers the kept chunk and the notification, then finishes.
            return;
        }
        boolean delivered = deliverPending();
        host().flush();
        if (delivered) {
            finishClosing();
        } else {
            stopInput();
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
        while (host().pullFrame(outView)) {
            // discarded: the connection is closed
        }
    }

    private void finishClosing() {
        state = State.CLOSED;
        host().engineError();
    }

    @Override
    public void terminate() {
        // Best effort for data the socket sent just before closing the connection.
        writeBufferedOnce();
        state = State.CLOSED;
        closeChannel();
    }
}
