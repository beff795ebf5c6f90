package dev.zmq4j.session;

import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Own;
import dev.zmq4j.engine.Engine;
import dev.zmq4j.engine.EngineHost;
import dev.zmq4j.engine.EventSink;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Timer;
import dev.zmq4j.io.TimerHandler;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeEvents;
import dev.zmq4j.protocol.mechanism.ZapChannel;
import dev.zmq4j.socket.SocketBase;
import dev.zmq4j.transport.StreamAddress;
import dev.zmq4j.transport.StreamConnecter;
import java.util.HashSet;
import java.util.Set;

/**
 * The bridge between a socket's pipe and one connection's engine (libzmq's session_base_t). It lives on an I/O
 * thread and is owned by the socket (connecting side) or by the listener that accepted the connection.
 *
 * <p>A connecting session outlives its connections: when the engine fails it starts a new {@link StreamConnecter}
 * after the reconnect interval, and the pipe (with the messages queued in it) survives unless IMMEDIATE is set.
 * An accepted session ends with its connection.
 *
 * <p>Called only on its I/O thread.
 */
public class Session extends Own implements EngineHost, PipeEvents, TimerHandler {
    private static final int LINGER_TIMER = 1;
    /** Where a context's ZAP handler is bound (27/ZAP). */
    static final String ZAP_ENDPOINT = "zeromq.zap.01";

    private final IoThread ioThread;
    private final SocketBase socket;
    private final StreamAddress connectAddress;
    private Pipe pipe;
    private final Set<Pipe> terminatingPipes = new HashSet<>();
    /** The engine has pulled part of a multipart message out of the pipe. */
    private boolean incompleteOut;

    private boolean pendingTermination;
    private Engine engine;
    /** The current connection's line to the ZAP handler, if its mechanism asked for one. */
    private ZapConnection zap;

    private Timer lingerTimer;
    private final Frame discarded = new Frame();
    private StreamConnecter.Backoff backoff;

    /**
     * @param connectAddress where to connect for a connecting session; null for an accepted one
     */
    public Session(IoThread ioThread, SocketBase socket, Options options, StreamAddress connectAddress) {
        super(ioThread, options);
        this.ioThread = ioThread;
        this.socket = socket;
        this.connectAddress = connectAddress;
    }

    public boolean isConnecting() {
        return connectAddress != null;
    }

    /** Gives the session its end of a pipe made before the session starts (connect without IMMEDIATE). */
    public void attachPipe(Pipe pipe) {
        this.pipe = pipe;
        pipe.setEventSink(this);
    }

    @Override
    protected void processPlug() {
        if (isConnecting()) {
            backoff = new StreamConnecter.Backoff(options);
            startConnecting(false);
        }
    }

    private void startConnecting(boolean afterDelay) {
        launchChild(new StreamConnecter(ioThread, this, events(), options, connectAddress, afterDelay, backoff));
    }

    @Override
    protected void processAttach(Engine engine) {
        this.engine = engine;
        engine.plug(ioThread, this);
    }

    /**
     * Reads the engine's next frame to send into {@code view} (valid until the next pull); false when the pipe is
     * empty.
     */
    @Override
    public boolean pullFrame(Frame view) {
        if (pipe == null || !pipe.read(view)) {
            return false;
        }
        incompleteOut = view.hasMore();
        return true;
    }

    /** Delivers a received frame to the socket; false when the pipe is full (the engine must wait). */
    @Override
    public boolean pushFrame(Frame frame) {
        return pipe != null && pipe.write(frame);
    }

    /** Makes pushed frames visible to the socket. */
    @Override
    public void flush() {
        if (pipe != null) {
            pipe.flush();
        }
    }

    /** The engine completed its handshake: create the pipe to the socket if there is none yet. */
    @Override
    public void engineReady(Properties properties) {
        if (backoff != null) {
            backoff.reset();
        }
        if (pipe == null && !isTerminating()) {
            Pipe[] pipes = Pipe.pair(
                    this,
                    socket,
                    options.receiveHighWaterMark,
                    options.sendHighWaterMark,
                    options.conflatesInbound(),
                    options.conflatesOutbound());
            attachPipe(pipes[0]);
            if (isConnecting()) {
                // CONNECT_ROUTING_ID given for this connect (null when none): the socket knows the peer by it.
                pipes[1].setPeerRoutingId(options.connectRoutingId);
            }
            sendBind(socket, pipes[1]);
        }
        if (pipe != null) {
            // Ahead of the connection's first message, behind any of an earlier connection still queued.
            pipe.writeProperties(properties);
        }
    }

    @Override
    public ZapChannel zapChannel() {
        zap = new ZapConnection(this, engine);
        return zap;
    }

    /**
     * Connects a pipe to the socket bound to the ZAP endpoint, or returns null when none is. Found and counted
     * under the context's lock, so the handler cannot finish closing before our bind reaches it.
     */
    Pipe connectToZapHandler(PipeEvents events) {
        SocketBase handler = context().findInprocForBind(ZAP_ENDPOINT);
        if (handler == null) {
            return null;
        }
        Pipe[] pair = Pipe.pair(this, handler, 0, 0);
        pair[0].setEventSink(events);
        pair[0].setNoDelay();
        if (handler.options().receivesRoutingId) {
            // An empty routing id: a ROUTER-based handler (REP, ROUTER) makes one up.
            pair[0].writeUnchecked(new Frame(new byte[0], Frame.ROUTING_ID));
            pair[0].flush();
        }
        sendCountedBind(handler, pair[1]);
        return pair[0];
    }

    /** A ZAP pipe is being closed: termination waits for it. */
    void zapPipeClosing(Pipe zapPipe) {
        terminatingPipes.add(zapPipe);
    }

    void zapPipeTerminated(Pipe zapPipe) {
        pipeTerminated(zapPipe);
    }

    /** The engine closed its connection (peer gone, protocol error, timeout). */
    @Override
    public void engineError() {
        engine = null;
        zap = null;
        if (pipe != null) {
            cleanPipe();
        }
        if (isConnecting() && !isTerminating()) {
            reconnect();
        } else {
            terminate();
        }
    }

    private void cleanPipe() {
        // Drop the half of a message that reached the socket, and the rest of a message half sent to the peer.
        pipe.rollback();
        pipe.flush();
        while (incompleteOut && pipe.read(discarded)) {
            incompleteOut = discarded.hasMore();
        }
        incompleteOut = false;
    }

    private void reconnect() {
        if (pipe != null && options.immediate) {
            // Messages must not queue for a connection that does not exist.
            pipe.terminate(false);
            terminatingPipes.add(pipe);
            pipe = null;
        }
        if (options.reconnectInterval >= 0) {
            startConnecting(true);
        } else {
            terminate();
        }
        if (pipe != null
                && (options.type == SocketType.SUB
                        || options.type == SocketType.XSUB
                        || options.type == SocketType.DISH)) {
            // The next connection must be told every subscription (or every group joined) again.
            pipe.hiccup();
        }
    }

    @Override
    public void readActivated(Pipe pipe) {
        if (pipe != this.pipe) {
            return;
        }
        if (engine != null) {
            engine.restartOutput();
        } else {
            // Nobody will read: still let the pipe notice a delimiter so termination can proceed.
            pipe.checkRead();
        }
    }

    @Override
    public void writeActivated(Pipe pipe) {
        if (pipe == this.pipe && engine != null) {
            engine.restartInput();
        }
    }

    @Override
    public void pipeTerminated(Pipe pipe) {
        if (pipe == this.pipe) {
            this.pipe = null;
            if (lingerTimer != null) {
                ioThread.cancelTimer(lingerTimer);
                lingerTimer = null;
            }
            if (!isTerminating() && (!isConnecting() || options.type == SocketType.STREAM)) {
                // The socket refused or dropped this peer: an accepted connection has no reason to stay, nor
                // has a STREAM connection the application closed (libzmq does not reconnect those either).
                terminate();
            }
        } else {
            terminatingPipes.remove(pipe);
        }
        if (pendingTermination && this.pipe == null && terminatingPipes.isEmpty()) {
            pendingTermination = false;
            super.processTerm(0);
        }
    }

    @Override
    protected void processTerm(int linger) {
        if (zap != null) {
            zap.close();
            zap = null;
        }
        if (pipe == null && terminatingPipes.isEmpty()) {
            super.processTerm(0);
            return;
        }
        pendingTermination = true;
        if (options.sendsOnlySubscriptions()) {
            // A SUB (a DISH) sends nothing but subscriptions (JOINs), which are worthless once it closes. Lingering for
            // them would
            // hang the context's close for ever (LINGER -1) when the publisher has gone: the session re-queues the
            // subscriptions for a reconnect that never comes. libzmq 4.3.4 hangs there; zmq4j does not.
            linger = 0;
        }
        if (pipe != null) {
            if (linger > 0) {
                lingerTimer = ioThread.addTimer(linger, this, LINGER_TIMER);
            }
            pipe.terminate(linger != 0);
            if (engine == null) {
                pipe.checkRead();
            }
        }
    }

    @Override
    public void timerEvent(int timerId) {
        lingerTimer = null;
        if (pipe != null) {
            // Linger time is over: drop what could not be sent.
            pipe.terminate(false);
        }
    }

    /** A command for this session failed half-way: its connection, if any, ends as a failed one. */
    @Override
    public void commandFailed(Throwable failure) {
        if (engine != null) {
            engine.terminate();
            engineError();
        }
    }

    @Override
    protected void processDestroy() {
        if (engine != null) {
            engine.terminate();
            engine = null;
        }
    }

    @Override
    public EventSink events() {
        return socket.events();
    }
}
