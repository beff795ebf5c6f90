package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.Conduit;
import dev.zmq4j.io.Errno;
import dev.zmq4j.io.Interest;
import dev.zmq4j.io.IoHandler;
import dev.zmq4j.io.IoThread;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * What every engine over one connected channel shares (libzmq's stream_engine_base_t): the channel and its
 * registration, reading with back-pressure, the write loop, and closing. A subclass never touches the channel: it is
 * handed the bytes read ({@link #inputTarget()}, {@link #bytesRead(int)}) and asked for bytes to write
 * ({@link #produceOutput(ByteBuffer)}). The bytes travel through a {@link Conduit}: the channel itself, or TLS over it
 * (wss), whose buffered records and handshake the loops here account for.
 *
 * <p>Back-pressure: a subclass whose host has no room calls {@link #stopInput()}, and reading stops until it calls
 * {@link #resumeInput()}; when {@link #produceOutput} has nothing more, writing stops until {@link #restartOutput()}.
 * A write loop takes at most {@value #MAX_WRITE_ROUNDS} rounds of produce-and-write per readiness event, then yields
 * to the other channels of its thread.
 *
 * <p>Called only on its I/O thread.
 */
public abstract class ChannelEngine implements Engine, IoHandler {
    private static final System.Logger LOG = System.getLogger(ChannelEngine.class.getName());
    /** Rounds of produce-and-write per readiness event before yielding to the other channels of the thread. */
    private static final int MAX_WRITE_ROUNDS = 16;

    protected final Options options;
    protected final String endpoint;
    private final SocketChannel channel;
    private final Conduit conduit;
    private SelectionKey key;
    /**
     * Bytes produced but not yet taken by the kernel, with room to produce more (write mode), while output is busy;
     * null while it is idle, when writes go through the I/O thread's shared buffer. On the heap: encoding many small
     * frames into a heap array is cheaper than into native memory.
     */
    private ByteBuffer unsent;

    private IoThread ioThread;
    private EngineHost host;
    private boolean inputStopped;
    private boolean outputStopped = true;
    /** Output waits for the conduit's handshake, which reading brings on; then it is written without being asked. */
    private boolean outputAwaitsConduit;

    private boolean closed;

    /**
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    protected ChannelEngine(SocketChannel channel, SelectionKey key, Options options, String endpoint) {
        this(channel, Conduit.of(channel), key, options, endpoint);
    }

    /**
     * @param conduit what the bytes go through: TLS over {@code channel}, say
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    protected ChannelEngine(
            SocketChannel channel, Conduit conduit, SelectionKey key, Options options, String endpoint) {
        this.channel = channel;
        this.conduit = conduit;
        this.key = key;
        this.options = options;
        this.endpoint = endpoint;
    }

    @Override
    public final void plug(IoThread ioThread, EngineHost host) {
        this.ioThread = ioThread;
        this.host = host;
        if (key == null) {
            key = ioThread.register(channel, this);
        } else {
            key.attach(this);
        }
        started();
    }

    /**
     * The peer's bare IP address, as libzmq gives it to ZAP and as "Peer-Address" ({@code 127.0.0.1}, {@code ::1});
     * "" when the transport has none (ipc).
     */
    protected final String peerAddress() {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            if (remote instanceof InetSocketAddress) {
                return PeerAddresses.text(((InetSocketAddress) remote).getAddress());
            }
        } catch (IOException e) {
            // Closed already: the connection is on its way out, the address no longer matters.
        }
        return "";
    }

    /** The engine is registered with its I/O thread: start reading, writing, timers. */
    protected abstract void started();

    /** Where the next read goes: a buffer in write mode, with room. */
    protected abstract ByteBuffer inputTarget();

    /** {@code count} bytes (at least one) were read into the last {@link #inputTarget()}. */
    protected abstract void bytesRead(int count);

    /**
     * Puts what is due next into {@code out}, as much as fits; leaving it unchanged means nothing more for now. May
     * close the engine.
     */
    protected abstract void produceOutput(ByteBuffer out);

    /** The connection failed or the peer went away ({@code errno} says how, for a failed handshake's event). */
    protected abstract void connectionLost(String reason, int errno);

    /** Reads per readiness event while each read fills its target; more than one when targets are small. */
    protected int readsPerEvent() {
        return 1;
    }

    @Override
    public final void inEvent() {
        for (int reads = 0; !inputStopped && !closed; reads++) {
            // Bytes a conduit holds are read on: no readiness event would announce them.
            if (reads >= readsPerEvent() && !conduit.hasBufferedInput()) {
                break;
            }
            ByteBuffer target = inputTarget();
            int room = target.remaining();
            int count;
            try {
                count = conduit.read(target);
            } catch (IOException e) {
                connectionLost("read failed: " + e.getMessage(), Errno.of(e));
                return;
            }
            if (count < 0) {
                connectionLost("connection closed by the peer", Errno.EPIPE);
                return;
            }
            if (count == 0) {
                break;
            }
            bytesRead(count);
            if (count < room && !conduit.hasBufferedInput()) {
                // The kernel had no more for now.
                break;
            }
        }
        if (closed) {
            return;
        }
        host.flush();
        if (outputAwaitsConduit && conduit.acceptsOutput()) {
            outputAwaitsConduit = false;
            writeOut();
        } else if (outputStopped) {
            // Reading may have left the conduit with bytes of its own to send (a TLS handshake's answer).
            flushConduit();
        }
    }

    /** Reads what the conduit holds already, which no readiness event will announce; for input just resumed. */
    protected final void readBufferedInput() {
        if (!inputStopped && !closed && conduit.hasBufferedInput()) {
            inEvent();
        }
    }

    /** Writes the conduit's own bytes, or waits for writability until it can. */
    private void flushConduit() {
        try {
            if (!conduit.flush()) {
                outputStopped = false;
                Interest.add(key, SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            connectionLost("write failed: " + e.getMessage(), Errno.of(e));
        }
    }

    @Override
    public final void outEvent() {
        writeOut();
    }

    /** Something unexpected escaped this engine's code: this connection ends as a failed one, nothing else does. */
    @Override
    public void handlerFailed(Throwable failure) {
        if (!closed) {
            connectionLost("internal error: " + failure, Errno.EIO);
        }
    }

    @Override
    public void restartOutput() {
        if (!closed && outputStopped) {
            writeOut();
        }
    }

    /**
     * Writes what {@link #produceOutput} gives until the kernel takes no more, it has nothing, or it is time to yield.
     * While everything written goes out at once, the thread's shared buffer serves; the first write the kernel takes
     * only in part gives the connection a buffer of its own, which it keeps while output stays busy and drops once
     * it has nothing more to send.
     */
    protected final void writeOut() {
        if (!conduit.acceptsOutput()) {
            // Its handshake waits for the peer: waiting for writability would spin; reading brings output back.
            outputAwaitsConduit = true;
            outputStopped = true;
            Interest.remove(key, SelectionKey.OP_WRITE);
            flushConduit();
            return;
        }
        for (int round = 0; round < MAX_WRITE_ROUNDS; round++) {
            ByteBuffer out = unsent != null ? unsent : ioThread.sharedOutputBuffer();
            produceOutput(out);
            if (closed) {
                return;
            }
            if (out.position() == 0) {
                outputStopped = true;
                Interest.remove(key, SelectionKey.OP_WRITE);
                releaseUnsent();
                flushConduit();
                return;
            }
            out.flip();
            try {
                conduit.write(out);
            } catch (IOException e) {
                out.clear();
                connectionLost("write failed: " + e.getMessage(), Errno.of(e));
                return;
            }
            boolean complete = !out.hasRemaining();
            if (out == unsent) {
                unsent.compact();
            } else if (!complete) {
                unsent = out.remaining() <= IoThread.SHARED_BUFFER_SIZE
                        ? ioThread.borrowBuffer()
                        : ByteBuffer.allocate(out.remaining());
                unsent.put(out);
            }
            if (!complete) {
                break;
            }
        }
        // Either the kernel buffer is full or we yield to other channels: continue when writable.
        outputStopped = false;
        Interest.add(key, SelectionKey.OP_WRITE);
    }

    private void releaseUnsent() {
        if (unsent != null) {
            ioThread.giveBack(unsent);
            unsent = null;
        }
    }

    /** One last write of what is buffered, for data sent just before the connection is closed; errors ignored. */
    protected final void writeBufferedOnce() {
        if (closed || unsent == null || unsent.position() == 0) {
            return;
        }
        unsent.flip();
        try {
            conduit.write(unsent);
            conduit.flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "last write to " + endpoint + " failed: " + e);
        }
        unsent.compact();
    }

    /** Starts reading, unless input is stopped. */
    protected final void startReading() {
        if (!inputStopped && key != null) {
            Interest.add(key, SelectionKey.OP_READ);
        }
    }

    /** The host has no room: stop reading until {@link #resumeInput()}. */
    protected final void stopInput() {
        inputStopped = true;
        if (key != null) {
            Interest.remove(key, SelectionKey.OP_READ);
        }
    }

    /** The host has room again: read on. */
    protected final void resumeInput() {
        inputStopped = false;
        startReading();
    }

    protected final boolean isInputStopped() {
        return inputStopped;
    }

    /** Whether the channel is closed; the engine may still be draining its host. */
    protected final boolean isClosed() {
        return closed;
    }

    protected final EngineHost host() {
        return host;
    }

    protected final IoThread ioThread() {
        return ioThread;
    }

    protected final EventSink events() {
        return host.events();
    }

    /** libzmq reports every connection that ends by itself (not one the application closes) as DISCONNECTED. */
    protected final void reportDisconnected() {
        host.events().raise(SocketEvent.Type.DISCONNECTED, channel, endpoint);
    }

    /** Unregisters and closes the channel. Idempotent. */
    protected final void closeChannel() {
        closed = true;
        releaseUnsent();
        if (key != null) {
            if (ioThread != null) {
                ioThread.unregister(key);
            } else {
                // Terminated before it was plugged: the connecter's registration is dropped with the channel.
                key.cancel();
            }
            key = null;
        }
        conduit.closeOutbound();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing channel", e);
        }
    }
}
