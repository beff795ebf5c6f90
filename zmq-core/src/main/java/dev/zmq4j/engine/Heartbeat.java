package dev.zmq4j.engine;

import dev.zmq4j.core.Options;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Timer;
import dev.zmq4j.io.TimerHandler;

/**
 * ZMTP 3.1 heartbeats for one connection (RFC 37, as libzmq does them): every HEARTBEAT_IVL a PING goes out,
 * carrying HEARTBEAT_TTL in deciseconds; if nothing at all arrives within HEARTBEAT_TIMEOUT of a PING, the
 * connection is dead. A peer's PING with a TTL asks the same of us: if nothing arrives within that TTL, the
 * connection is dead. Any inbound traffic cancels both deadlines. Called only on the engine's I/O thread.
 */
final class Heartbeat implements TimerHandler {
    /** What the heartbeat needs from its engine. */
    interface Connection {
        void sendPing(int ttlDeciseconds);

        void heartbeatFailed(String reason);

        /** Something unexpected escaped a heartbeat timer: end the connection. */
        void handlerFailed(Throwable failure);
    }

    private static final int INTERVAL_TIMER = 1;
    private static final int TIMEOUT_TIMER = 2;
    private static final int TTL_TIMER = 3;

    private final IoThread ioThread;
    private final Options options;
    private final Connection connection;
    private Timer intervalTimer;
    private Timer timeoutTimer;
    private Timer ttlTimer;
    private int peerTtlMillis;

    Heartbeat(IoThread ioThread, Options options, Connection connection) {
        this.ioThread = ioThread;
        this.options = options;
        this.connection = connection;
    }

    /** The handshake is done: start sending PINGs, if heartbeats are on. */
    void start() {
        if (options.heartbeatInterval > 0) {
            intervalTimer = ioThread.addTimer(options.heartbeatInterval, this, INTERVAL_TIMER);
        }
    }

    /** Something arrived: the peer is alive. */
    void trafficReceived() {
        timeoutTimer = cancel(timeoutTimer);
        ttlTimer = cancel(ttlTimer);
    }

    /** The peer sent a PING with this TTL: if it then goes silent for longer, it is gone. */
    void pingReceived(int ttlDeciseconds) {
        peerTtlMillis = ttlDeciseconds * 100;
        if (peerTtlMillis > 0 && ttlTimer == null) {
            ttlTimer = ioThread.addTimer(peerTtlMillis, this, TTL_TIMER);
        }
    }

    void stop() {
        intervalTimer = cancel(intervalTimer);
        timeoutTimer = cancel(timeoutTimer);
        ttlTimer = cancel(ttlTimer);
    }

    @Override
    public void handlerFailed(Throwable failure) {
        connection.handlerFailed(failure);
    }

    @Override
    public void timerEvent(int timerId) {
        switch (timerId) {
            case INTERVAL_TIMER:
                connection.sendPing(options.heartbeatTtl / 100);
                intervalTimer = ioThread.addTimer(options.heartbeatInterval, this, INTERVAL_TIMER);
                if (timeoutTimer == null) {
                    int timeout = options.heartbeatTimeout < 0 ? options.heartbeatInterval : options.heartbeatTimeout;
                    timeoutTimer = ioThread.addTimer(timeout, this, TIMEOUT_TIMER);
                }
                break;
            case TIMEOUT_TIMER:
                timeoutTimer = null;
                connection.heartbeatFailed("no traffic from the peer within HEARTBEAT_TIMEOUT of a PING");
                break;
            default:
                ttlTimer = null;
                connection.heartbeatFailed(
                        "no traffic from the peer within the TTL of its PING (" + peerTtlMillis + " ms)");
                break;
        }
    }

    private Timer cancel(Timer timer) {
        if (timer != null) {
            ioThread.cancelTimer(timer);
        }
        return null;
    }
}
