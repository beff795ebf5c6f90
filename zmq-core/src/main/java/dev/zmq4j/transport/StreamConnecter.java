package dev.zmq4j.transport;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Own;
import dev.zmq4j.engine.Engine;
import dev.zmq4j.engine.EventSink;
import dev.zmq4j.io.Errno;
import dev.zmq4j.io.Interest;
import dev.zmq4j.io.IoHandler;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Timer;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes one outgoing tcp or ipc connection for a session: a non-blocking connect completed on OP_CONNECT, retried after
 * the reconnect interval when it fails, so that connecting before the peer binds works. Once connected it hands
 * the channel to a new {@link Engine}, attaches the engine to the session and terminates itself.
 *
 * <p>Owned by the session, on the session's I/O thread.
 */
public final class StreamConnecter extends Own implements IoHandler {
    private static final System.Logger LOG = System.getLogger(StreamConnecter.class.getName());
    private static final int RECONNECT_TIMER = 1;
    private static final int CONNECT_TIMEOUT_TIMER = 2;

    /**
     * The reconnect delay of one connecting session: RECONNECT_IVL plus random jitter (so that many clients of a
     * restarted server do not reconnect in lockstep), doubling up to RECONNECT_IVL_MAX when that is set.
     */
    public static final class Backoff {
        private final Options options;
        private int current;

        public Backoff(Options options) {
            this.options = options;
            reset();
        }

        public void reset() {
            current = options.reconnectInterval;
        }

        int next() {
            int base = options.reconnectInterval;
            int jitter = base > 0 ? ThreadLocalRandom.current().nextInt(base) : 0;
            int interval = (int) Math.min(Integer.MAX_VALUE, (long) current + jitter);
            int max = options.reconnectIntervalMax;
            if (max > base) {
                current = (int) Math.min((long) current * 2, max);
            }
            return interval;
        }
    }

    private final IoThread ioThread;
    /** Receives the engine once connected. */
    private final Own session;

    private final EventSink events;
    private final StreamAddress address;
    private final boolean delayed;
    private final Backoff backoff;
    private SocketChannel channel;
    private SelectionKey key;
    private Timer reconnectTimer;
    private Timer connectTimer;

    public StreamConnecter(
            IoThread ioThread,
            Own session,
            EventSink events,
            Options options,
            StreamAddress address,
            boolean delayed,
            Backoff backoff) {
        super(ioThread, options);
        this.ioThread = ioThread;
        this.session = session;
        this.events = events;
        this.address = address;
        this.delayed = delayed;
        this.backoff = backoff;
    }

    @Override
    protected void processPlug() {
        if (delayed) {
            scheduleReconnect();
        } else {
            startConnecting();
        }
    }

    private void startConnecting() {
        try {
            SocketAddress remote = address.resolve();
            channel = address.openChannel(remote);
            channel.configureBlocking(false);
            address.tune(channel, options);
            if (channel.connect(remote)) {
                key = ioThread.register(channel, this);
                connected();
                return;
            }
            key = ioThread.register(channel, this);
            Interest.add(key, SelectionKey.OP_CONNECT);
            events.raise(SocketEvent.Type.CONNECT_DELAYED, Errno.EINPROGRESS, address.endpoint());
            if (options.connectTimeout > 0) {
                connectTimer = ioThread.addTimer(options.connectTimeout, this, CONNECT_TIMEOUT_TIMER);
            }
        } catch (IOException | ZmqException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connect to " + address + " failed: " + e);
            closeChannel();
            scheduleReconnect();
        }
    }

    @Override
    public void connectEvent() {
        try {
            if (channel.finishConnect()) {
                connected();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "connect to " + address + " failed: " + e);
            closeChannel();
            scheduleReconnect();
        }
    }

    private void connected() {
        cancelConnectTimer();
        Interest.remove(key, SelectionKey.OP_CONNECT);
        events.raise(SocketEvent.Type.CONNECTED, channel, address.endpoint());
        Engine engine = Engines.forConnection(channel, key, options, address.endpoint(), address, true);
        channel = null;
        key = null;
        sendAttach(session, engine);
        terminate();
    }

    private void scheduleReconnect() {
        if (options.reconnectInterval < 0) {
            return;
        }
        int interval = backoff.next();
        reconnectTimer = ioThread.addTimer(interval, this, RECONNECT_TIMER);
        events.raise(SocketEvent.Type.CONNECT_RETRIED, interval, address.endpoint());
    }

    @Override
    public void timerEvent(int timerId) {
        if (timerId == RECONNECT_TIMER) {
            reconnectTimer = null;
            startConnecting();
        } else {
            connectTimer = null;
            LOG.log(System.Logger.Level.DEBUG, () -> "connect to " + address + " timed out");
            closeChannel();
            scheduleReconnect();
        }
    }

    @Override
    public void inEvent() {
        throw new IllegalStateException("a connecting channel is not read");
    }

    /** Something unexpected escaped this attempt: it counts as a failed connect, retried as usual. */
    @Override
    public void handlerFailed(Throwable failure) {
        closeChannel();
        if (!isTerminating() && reconnectTimer == null) {
            scheduleReconnect();
        }
    }

    @Override
    public void outEvent() {
        connectEvent();
    }

    private void cancelConnectTimer() {
        if (connectTimer != null) {
            ioThread.cancelTimer(connectTimer);
            connectTimer = null;
        }
    }

    private void closeChannel() {
        cancelConnectTimer();
        if (key != null) {
            ioThread.unregister(key);
            key = null;
        }
        if (channel != null) {
            // libzmq reports the socket of a failed (or abandoned) attempt as closed.
            events.raise(SocketEvent.Type.CLOSED, channel, address.endpoint());
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a failed connection", e);
            }
            channel = null;
        }
    }

    @Override
    protected void processTerm(int linger) {
        if (reconnectTimer != null) {
            ioThread.cancelTimer(reconnectTimer);
            reconnectTimer = null;
        }
        closeChannel();
        super.processTerm(linger);
    }

    @Override
    protected void processDestroy() {
        closeChannel();
    }
}
