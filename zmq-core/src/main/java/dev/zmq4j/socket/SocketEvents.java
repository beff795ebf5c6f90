package dev.zmq4j.socket;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketEventListener;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.engine.EventSink;
import dev.zmq4j.io.ChannelNumbers;
import dev.zmq4j.transport.Endpoint;
import java.nio.channels.Channel;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where one socket's events go: the listeners added with {@code addEventListener} and the PAIR of
 * {@code monitor(endpoint, events)}. Components raise events here on whatever thread they run (the socket's
 * application thread, its I/O threads, the reaper).
 *
 * <p>Raising is one volatile read when nobody listens for that event, so components may raise freely. Listeners are
 * held in a copy-on-write list and called without a lock; the monitor PAIR is driven under a lock, since events are
 * rare and may come from several threads at once. Thread-safe.
 */
public final class SocketEvents implements EventSink {
    private static final System.Logger LOG = System.getLogger(SocketEvents.class.getName());

    private record Registration(SocketEventListener listener, int mask) {}

    private final Object lock = new Object();
    private final CopyOnWriteArrayList<Registration> listeners = new CopyOnWriteArrayList<>();
    /** The events somebody wants: the monitor's mask and every listener's, or-ed. */
    private volatile int wanted;
    /** Guarded by {@link #lock}. */
    private MonitorSocket monitor;
    /** Guarded by {@link #lock}: after the socket is gone no new monitor may start. */
    private boolean stopped;

    /** Whether anybody wants {@code type}: lets a caller skip computing a costly value. */
    public boolean wants(SocketEvent.Type type) {
        return (wanted & type.code()) != 0;
    }

    @Override
    public void raise(SocketEvent.Type type, int value, String endpoint) {
        if ((wanted & type.code()) != 0) {
            deliver(new SocketEvent(type, value, endpoint));
        }
    }

    /** Raises an event whose value is a channel's connection number (libzmq: its file descriptor). */
    @Override
    public void raise(SocketEvent.Type type, Channel channel, String endpoint) {
        if ((wanted & type.code()) != 0) {
            deliver(new SocketEvent(type, ChannelNumbers.of(channel), endpoint));
        }
    }

    private void deliver(SocketEvent event) {
        int code = event.type().code();
        for (Registration registration : listeners) {
            if ((registration.mask() & code) != 0) {
                notify(registration.listener(), event);
            }
        }
        synchronized (lock) {
            if (monitor != null && monitor.wants(code)) {
                monitor.send(event);
            }
        }
    }

    private static void notify(SocketEventListener listener, SocketEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a socket event listener failed on " + event, e);
        }
    }

    public void addListener(SocketEventListener listener, int events) {
        if (listener == null) {
            throw new ZmqException(ErrorCode.EINVAL, "the event listener must not be null");
        }
        checkMask(events);
        synchronized (lock) {
            listeners.add(new Registration(listener, events));
            updateWanted();
        }
    }

    public void removeListener(SocketEventListener listener) {
        synchronized (lock) {
            listeners.removeIf(registration -> registration.listener() == listener);
            updateWanted();
        }
    }

    /**
     * libzmq's {@code zmq_socket_monitor}: stops the current monitor (which sends MONITOR_STOPPED if it asked for
     * it), then, unless {@code endpoint} is null, binds a new PAIR there that sends the {@code events} selected.
     * Called by the socket's application thread.
     */
    public void monitor(ContextCore context, String endpoint, int events) {
        if (endpoint != null) {
            Endpoint parsed = Endpoint.parse(endpoint);
            if (parsed.transport() != Endpoint.Transport.INPROC) {
                throw new ZmqException(
                        ErrorCode.EPROTONOSUPPORT,
                        "cannot monitor on '" + endpoint + "': the monitor endpoint must be inproc://, as in libzmq");
            }
            checkMask(events);
        }
        synchronized (lock) {
            stopMonitor();
            if (endpoint != null && !stopped) {
                monitor = MonitorSocket.open(context, endpoint, events);
            }
            updateWanted();
        }
    }

    /**
     * The socket is gone: the monitor sends MONITOR_STOPPED and closes, listeners get MONITOR_STOPPED and are
     * dropped. Called once, on the reaper thread, after every listener and connection of the socket has closed.
     */
    public void socketClosed() {
        SocketEvent stoppedEvent = new SocketEvent(SocketEvent.Type.MONITOR_STOPPED, 0, "");
        for (Registration registration : listeners) {
            if ((registration.mask() & SocketEvent.Type.MONITOR_STOPPED.code()) != 0) {
                notify(registration.listener(), stoppedEvent);
            }
        }
        synchronized (lock) {
            stopped = true;
            stopMonitor();
            listeners.clear();
            updateWanted();
        }
    }

    /** Under the lock. */
    private void stopMonitor() {
        if (monitor == null) {
            return;
        }
        if (monitor.wants(SocketEvent.Type.MONITOR_STOPPED.code())) {
            monitor.send(new SocketEvent(SocketEvent.Type.MONITOR_STOPPED, 0, ""));
        }
        monitor.close();
        monitor = null;
    }

    /** Under the lock. */
    private void updateWanted() {
        int mask = monitor == null ? 0 : monitor.mask();
        for (Registration registration : listeners) {
            mask |= registration.mask();
        }
        wanted = mask;
    }

    private static void checkMask(int events) {
        if ((events & ~SocketEvent.ALL) != 0) {
            throw new ZmqException(
                    ErrorCode.EINVAL,
                    "event mask 0x" + Integer.toHexString(events) + " has bits outside SocketEvent.ALL (0xffff)");
        }
    }
}
