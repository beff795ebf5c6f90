package dev.zmq4j.transport;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Own;
import dev.zmq4j.io.Errno;
import dev.zmq4j.io.Interest;
import dev.zmq4j.io.IoHandler;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Timer;
import dev.zmq4j.session.Session;
import dev.zmq4j.socket.SocketBase;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A bound tcp or ipc endpoint: accepts connections and gives each a new session (on the least loaded I/O thread) and
 * engine. The bind itself happens on the application thread, so that errors such as an address in use reach the
 * caller of {@code bind}; accepting happens on the listener's I/O thread.
 *
 * <p>When accepting fails (most often EMFILE: the process is out of file descriptors), the pending connection stays
 * in the backlog and the selector would report it again at once, so the listener pauses instead: it stops
 * accepting for {@value #FIRST_RETRY_MILLIS} ms, doubling up to {@value #MAX_RETRY_MILLIS} ms while the failures
 * last, logs one WARNING per such episode (at most one a minute, for a process whose descriptors hover at the
 * limit) and one INFO when it accepts again. Each failed attempt still raises ACCEPT_FAILED, as in libzmq.
 *
 * <p>Owned by the socket; owns the sessions it creates.
 */
public final class StreamListener extends Own implements IoHandler {
    private static final System.Logger LOG = System.getLogger(StreamListener.class.getName());
    static final int FIRST_RETRY_MILLIS = 50;
    static final int MAX_RETRY_MILLIS = 1000;
    private static final int ACCEPT_RETRY_TIMER = 1;
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final IoThread ioThread;
    private final SocketBase socket;
    private StreamAddress address;
    private ServerSocketChannel server;
    private SocketAddress boundAddress;
    private SelectionKey key;
    private String endpoint;
    /** The pause before the next accept while accepting fails; 0 while it works. */
    private int retryMillis;
    /** Failed accepts in the current episode. */
    private int failedAccepts;

    private Timer retryTimer;
    /** When the last WARNING about failing accepts was logged (System.nanoTime), and whether one ever was. */
    private long lastWarning;

    private boolean warned;
    private boolean warnedThisEpisode;

    public StreamListener(IoThread ioThread, SocketBase socket, Options options) {
        super(ioThread, options);
        this.ioThread = ioThread;
        this.socket = socket;
    }

    /** Binds on the calling thread; returns the resolved endpoint (the real port of {@code tcp://...:*}). */
    public String bind(StreamAddress address) {
        this.address = address;
        SocketAddress local = address.resolve();
        try {
            address.prepareBind(local);
            server = address.openServerChannel(local);
            server.configureBlocking(false);
            server.bind(local, options.backlog);
            boundAddress = server.getLocalAddress();
            endpoint = address.format(boundAddress);
            socket.events().raise(SocketEvent.Type.LISTENING, server, endpoint);
            return endpoint;
        } catch (BindException e) {
            close();
            socket.events().raise(SocketEvent.Type.BIND_FAILED, Errno.of(e), address.endpoint());
            String reason = String.valueOf(e.getMessage());
            ErrorCode code = reason.contains("in use") ? ErrorCode.EADDRINUSE : ErrorCode.EADDRNOTAVAIL;
            throw new ZmqException(code, "cannot bind " + address.endpoint() + ": " + reason, e);
        } catch (IOException e) {
            close();
            socket.events().raise(SocketEvent.Type.BIND_FAILED, Errno.of(e), address.endpoint());
            throw new ZmqException(ErrorCode.EIO, "cannot bind " + address.endpoint() + ": " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    protected void processPlug() {
        key = ioThread.register(server, this);
        Interest.add(key, SelectionKey.OP_ACCEPT);
    }

    @Override
    public void inEvent() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                acceptFailed(e);
                return;
            }
            if (channel == null) {
                return;
            }
            if (failedAccepts > 0) {
                int failed = failedAccepts;
                LOG.log(
                        warnedThisEpisode ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                        () -> "accepting on " + endpoint + " again after " + failed + " failed attempt(s)");
                warnedThisEpisode = false;
                failedAccepts = 0;
                retryMillis = 0;
            }
            try {
                channel.configureBlocking(false);
                address.tune(channel, options);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "tuning an accepted connection failed: " + e);
                socket.events().raise(SocketEvent.Type.ACCEPT_FAILED, Errno.of(e), endpoint);
                closeQuietly(channel);
                continue;
            }
            try {
                socket.events().raise(SocketEvent.Type.ACCEPTED, channel, endpoint);
                IoThread target = context().chooseIoThread();
                Session session = new Session(target, socket, options, null);
                launchChild(session);
                sendAttach(session, Engines.forConnection(channel, null, options, endpoint, address, false));
            } catch (RuntimeException | Error e) {
                // Whatever failed, the connection it concerned must not stay open with no one serving it.
                closeQuietly(channel);
                throw e;
            }
        }
    }

    /** Setting up one accepted connection failed unexpectedly; that connection is closed, listening goes on. */
    @Override
    public void handlerFailed(Throwable failure) {
        socket.events().raise(SocketEvent.Type.ACCEPT_FAILED, Errno.EIO, endpoint);
    }

    /** Pauses accepting, for longer while the failures go on; one WARNING per episode. */
    private void acceptFailed(IOException e) {
        socket.events().raise(SocketEvent.Type.ACCEPT_FAILED, Errno.of(e), endpoint);
        retryMillis = retryMillis == 0 ? FIRST_RETRY_MILLIS : Math.min(2 * retryMillis, MAX_RETRY_MILLIS);
        // Pause first: whatever logging does next, the listener must not stay registered on a pending connection.
        Interest.remove(key, SelectionKey.OP_ACCEPT);
        retryTimer = ioThread.addTimer(retryMillis, this, ACCEPT_RETRY_TIMER);
        long now = System.nanoTime();
        if (failedAccepts++ == 0 && (!warned || now - lastWarning >= WARNING_INTERVAL_NANOS)) {
            warned = true;
            warnedThisEpisode = true;
            lastWarning = now;
            logStarved(
                    System.Logger.Level.WARNING,
                    () -> "accept on " + endpoint + " failed: " + e
                            + "; pausing accepts, retrying every " + FIRST_RETRY_MILLIS + " to " + MAX_RETRY_MILLIS
                            + " ms until it works again");
        } else {
            logStarved(System.Logger.Level.DEBUG, () -> "accept on " + endpoint + " failed again: " + e);
        }
    }

    /**
     * Logs while descriptors may have run out: a log handler that needs one (a file, a class not yet loaded) can
     * fail with an exception or a LinkageError, and that must cost the log line, not the I/O thread.
     */
    private static void logStarved(System.Logger.Level level, java.util.function.Supplier<String> message) {
        try {
            LOG.log(level, message);
        } catch (RuntimeException | LinkageError loggingFailed) {
            // the record is lost; the listener's pause and retry go on
        }
    }

    @Override
    public void timerEvent(int timerId) {
        retryTimer = null;
        Interest.add(key, SelectionKey.OP_ACCEPT);
        inEvent();
    }

    @Override
    public void outEvent() {
        throw new IllegalStateException("a listener is never written");
    }

    @Override
    protected void processTerm(int linger) {
        close();
        super.processTerm(linger);
    }

    @Override
    protected void processDestroy() {
        close();
    }

    private void close() {
        if (retryTimer != null) {
            ioThread.cancelTimer(retryTimer);
            retryTimer = null;
        }
        if (key != null) {
            ioThread.unregister(key);
            key = null;
        }
        if (server != null) {
            if (endpoint != null) {
                // A listener that was listening (not a failed bind) reports its end, as libzmq does.
                socket.events().raise(SocketEvent.Type.CLOSED, server, endpoint);
            }
            closeQuietly(server);
            server = null;
            if (boundAddress != null) {
                address.cleanUp(boundAddress);
                boundAddress = null;
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing", e);
        }
    }
}
