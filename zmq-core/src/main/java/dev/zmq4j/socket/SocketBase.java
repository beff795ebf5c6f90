package dev.zmq4j.socket;

import dev.zmq4j.ErrorCode;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.core.Command;
import dev.zmq4j.core.ContextCore;
import dev.zmq4j.core.Mailbox;
import dev.zmq4j.core.Options;
import dev.zmq4j.core.Own;
import dev.zmq4j.core.Wakeup;
import dev.zmq4j.engine.DatagramCounters;
import dev.zmq4j.engine.UdpEngine;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.io.Reapable;
import dev.zmq4j.io.Reaper;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PipeEvents;
import dev.zmq4j.session.Session;
import dev.zmq4j.transport.Endpoint;
import dev.zmq4j.transport.StreamAddress;
import dev.zmq4j.transport.StreamListener;
import dev.zmq4j.transport.udp.UdpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine side of a socket (libzmq's socket_base_t): endpoints, pipes, blocking send and receive, and closing.
 * The messaging pattern lives in subclasses, which implement the {@code x*} methods.
 *
 * <p>Application threads call in through {@link #enter()} and {@link #exit()}, and the socket processes its
 * mailbox during those calls; after {@link #close()} the reaper thread takes the mailbox over. For the classic types
 * one thread at a time (a second thread's call fails with EINVAL); the draft types are thread-safe, their calls
 * taking turns on a lock. {@link CallGuard} has the two rules.
 */
public abstract class SocketBase extends Own implements PipeEvents, Reapable {
    /** The bits of {@link #pollEvents()}, with libzmq's values. */
    public static final int POLLIN = 1;

    public static final int POLLOUT = 2;

    /** Who may be inside the application calls: one thread, or (draft types) any number taking turns. */
    private final CallGuard guard;
    /** The type's, looked up once: Socket asks on every send and receive. */
    private final boolean threadSafe;

    private final SocketEvents events = new SocketEvents();
    private final List<Pipe> pipes = new ArrayList<>();
    private final Map<String, EndpointRecord> endpoints = new HashMap<>();
    private final List<String> inprocBindings = new ArrayList<>();
    private volatile boolean contextTerminated;
    private volatile boolean destroyed;
    private boolean receiveMore;
    private String lastEndpoint;

    /**
     * What an endpoint string maps to: the listener or session, the pipe of an inproc or connected peer, and whether
     * it was bound (a listener, or a DISH's udp session).
     */
    private record EndpointRecord(Own owned, Pipe pipe, boolean bound) {
        EndpointRecord(Own owned, Pipe pipe) {
            this(owned, pipe, owned instanceof StreamListener);
        }
    }

    private final DatagramCounters datagramCounters = new DatagramCounters();

    protected SocketBase(ContextCore context, Options options) {
        super(context, new Mailbox("socket " + options.type), options);
        threadSafe = options.type.isThreadSafe();
        guard = threadSafe
                ? CallGuard.shared(mailbox(), this::closedError)
                : CallGuard.singleThreaded(options.type.name(), this::closedError);
    }

    private ZmqException closedError() {
        return contextTerminated
                ? contextClosed()
                : new ZmqException(ErrorCode.ENOTSOCK, "this " + options.type + " socket is closed");
    }

    // ---- application calls --------------------------------------------------------------------------------

    /**
     * Enters an application call; fails when the socket is closed, or, for a type that is not thread-safe, used by
     * two threads at once.
     */
    public final void enter() {
        guard.enter();
    }

    public final void exit() {
        guard.exit();
    }

    /** Whether any number of threads may call this socket at once (the draft types). */
    public final boolean isThreadSafe() {
        return threadSafe;
    }

    public final SocketType type() {
        return options.type;
    }

    public final String lastEndpoint() {
        return lastEndpoint;
    }

    public final boolean hasMore() {
        return receiveMore;
    }

    /** Where this socket's events go; used from any thread. */
    public final SocketEvents events() {
        return events;
    }

    /** libzmq's zmq_socket_monitor; see {@link SocketEvents#monitor}. */
    public final void monitor(String endpoint, int eventMask) {
        checkContext();
        events.monitor(context(), endpoint, eventMask);
    }

    /** ETERM: the context was closed, or failed (an I/O thread died), which the message then names. */
    private ZmqException contextClosed() {
        String failure = context().failure();
        return new ZmqException(
                ErrorCode.ETERM,
                failure == null
                        ? "the context of this " + options.type + " socket is closed"
                        : "this " + options.type + " socket cannot be used: " + failure);
    }

    private void checkContext() {
        if (contextTerminated) {
            throw contextClosed();
        }
    }

    public final void bind(String endpointText) {
        checkContext();
        processCommands(0);
        Endpoint endpoint = Endpoint.parse(endpointText);
        switch (endpoint.transport()) {
            case INPROC:
                EndpointRules.refuseInprocForStream(options, endpoint);
                bindInproc(endpoint);
                break;
            case TCP:
            case IPC:
            case WS:
            case WSS:
                EndpointRules.requireCurveKeys(options, endpointText);
                StreamAddress address = EndpointRules.streamAddress(options, endpoint, true);
                IoThread ioThread = context().chooseIoThread();
                StreamListener listener = new StreamListener(ioThread, this, options.copy());
                String resolved = listener.bind(address);
                launchChild(listener);
                EndpointRecord record = new EndpointRecord(listener, null);
                endpoints.put(resolved, record);
                endpoints.put(endpointText, record);
                lastEndpoint = resolved;
                break;
            case UDP:
                openUdp(endpoint, true);
                break;
            default:
                throw new AssertionError(endpoint.transport());
        }
    }

    /**
     * A udp endpoint: a session with its pipe at once (no connection to wait for), and a {@link UdpEngine} over a
     * channel opened here, so that a bad address or a port in use fails the call and {@code udp://host:*} reads back
     * with its port.
     */
    private void openUdp(Endpoint endpoint, boolean bind) {
        UdpAddress.Opened opened = UdpAddress.open(options.type, endpoint, bind);
        Session session = new Session(context().chooseIoThread(), this, options.copy(), null);
        Pipe pipe = pipeTo(session);
        attachPipe(pipe, true);
        launchChild(session);
        sendAttach(session, new UdpEngine(opened.channel(), opened.target(), opened.endpoint(), datagramCounters));
        EndpointRecord record = new EndpointRecord(session, pipe, bind);
        endpoints.put(opened.endpoint(), record);
        endpoints.put(endpoint.text(), record);
        lastEndpoint = opened.endpoint();
    }

    /** A pipe between this socket and a session it is about to launch; returns our end. */
    private Pipe pipeTo(Session session) {
        Pipe[] pair = Pipe.pair(
                this,
                session,
                options.sendHighWaterMark,
                options.receiveHighWaterMark,
                options.conflatesOutbound(),
                options.conflatesInbound());
        session.attachPipe(pair[1]);
        return pair[0];
    }

    /** What this socket's udp endpoints dropped; counted for tests and diagnostics. */
    public final DatagramCounters datagramCounters() {
        return datagramCounters;
    }

    private void bindInproc(Endpoint endpoint) {
        List<ContextCore.PendingInprocConnection> pending = context().bindInproc(endpoint.address(), this);
        inprocBindings.add(endpoint.address());
        lastEndpoint = endpoint.text();
        for (ContextCore.PendingInprocConnection connection : pending) {
            Pipe ours = connection.binderEnd();
            ours.moveToOwner(this);
            if (options.receivesRoutingId) {
                // The connecter could not know we want its routing id; it is in its options.
                ours.setPeerRoutingId(connection.connecter().options().routingId);
            }
            if (connection.connecter().options().receivesRoutingId) {
                ours.writeUnchecked(new Frame(options.routingId, Frame.ROUTING_ID));
                ours.flush();
            }
            attachPipe(ours);
        }
    }

    public final void connect(String endpointText) {
        checkContext();
        processCommands(0);
        Endpoint endpoint = Endpoint.parse(endpointText);
        byte[] connectRoutingId = options.connectRoutingId;
        if (connectRoutingId != null) {
            checkConnectRoutingId(connectRoutingId);
        }
        switch (endpoint.transport()) {
            case INPROC:
                EndpointRules.refuseInprocForStream(options, endpoint);
                connectInproc(endpoint);
                break;
            case TCP:
            case IPC:
            case WS:
            case WSS:
                EndpointRules.requireCurveKeys(options, endpointText);
                StreamAddress address = EndpointRules.streamAddress(options, endpoint, false);
                IoThread ioThread = context().chooseIoThread();
                Session session = new Session(ioThread, this, options.copy(), address);
                Pipe pipe = null;
                if (!options.immediate) {
                    pipe = pipeTo(session);
                    pipe.setPeerRoutingId(connectRoutingId);
                    attachPipe(pipe);
                }
                launchChild(session);
                endpoints.put(endpointText, new EndpointRecord(session, pipe));
                lastEndpoint = endpointText;
                break;
            case UDP:
                openUdp(endpoint, false);
                break;
            default:
                throw new AssertionError(endpoint.transport());
        }
        // CONNECT_ROUTING_ID is for one connect only (the session keeps its copy for later pipes).
        options.connectRoutingId = null;
    }

    /**
     * CONNECT_ROUTING_ID: refuses a routing id the socket already uses for a peer (ZmqException EINVAL). Sockets
     * that address peers by routing id override it.
     */
    protected void checkConnectRoutingId(byte[] routingId) {
        // Other sockets keep no routing ids.
    }

    private void connectInproc(Endpoint endpoint) {
        SocketBase peer = context().findInproc(endpoint.address());
        byte[] connectRoutingId = options.connectRoutingId;
        Pipe[] pair = null;
        if (peer == null) {
            // The binder's CONFLATE is not known yet: only ours applies to this pipe.
            pair = Pipe.pair(
                    this,
                    this,
                    options.sendHighWaterMark,
                    options.receiveHighWaterMark,
                    options.conflatesOutbound(),
                    options.conflatesInbound());
            SocketBase boundMeanwhile = context()
                    .findInprocOrWait(
                            endpoint.address(), new ContextCore.PendingInprocConnection(this, pair[1], pair[0]));
            if (boundMeanwhile != null) {
                peer = boundMeanwhile;
            }
        }
        if (peer != null) {
            pair = EndpointRules.inprocPipes(this, options, peer);
            pair[0].setPeerRoutingId(connectRoutingId);
            attachPipe(pair[0]);
            sendBind(peer, pair[1]);
        } else {
            pair[0].setPeerRoutingId(connectRoutingId);
            attachPipe(pair[0]);
        }
        endpoints.put(endpoint.text(), new EndpointRecord(null, pair[0]));
        lastEndpoint = endpoint.text();
    }

    public final void unbind(String endpointText) {
        checkContext();
        processCommands(0);
        Endpoint endpoint = Endpoint.parse(endpointText);
        if (endpoint.transport() == Endpoint.Transport.INPROC) {
            if (!inprocBindings.remove(endpoint.address()) || !context().unbindInproc(endpoint.address(), this)) {
                throw EndpointRules.notFound(options, "bound", endpointText);
            }
            return;
        }
        EndpointRecord record = endpoints.get(endpointText);
        if (record == null || !record.bound()) {
            throw EndpointRules.notFound(options, "bound", endpointText);
        }
        endpoints.values().removeIf(r -> r == record);
        termChild(record.owned());
    }

    public final void disconnect(String endpointText) {
        checkContext();
        processCommands(0);
        Endpoint.parse(endpointText);
        EndpointRecord record = endpoints.get(endpointText);
        if (record == null || record.bound()) {
            throw EndpointRules.notFound(options, "connected", endpointText);
        }
        endpoints.remove(endpointText);
        if (record.pipe() != null) {
            record.pipe().terminate(false);
        }
        if (record.owned() != null) {
            termChild(record.owned());
        }
    }

    /**
     * Sends a frame, blocking as SNDTIMEO allows unless {@code dontWait}. Returns false when it would block or the
     * timeout expired.
     */
    public final boolean send(Frame frame, boolean dontWait) {
        checkContext();
        processCommands(0);
        if (xSend(frame)) {
            return true;
        }
        int timeout = options.sendTimeout;
        if (dontWait || timeout == 0) {
            return false;
        }
        long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
        while (true) {
            long wait = timeout < 0 ? -1 : deadline - System.nanoTime();
            if (timeout > 0 && wait <= 0) {
                return false;
            }
            processCommands(wait);
            if (xSend(frame)) {
                return true;
            }
        }
    }

    /**
     * Sends a frame that continues, in the same application call, a message whose first frame {@link #send} took:
     * the rest of a message sent whole. It neither waits nor processes commands, and that is what makes the message
     * whole. A pipe's high-water mark counts messages, not frames, and a pipe's state changes only by commands (a
     * peer's pipe_term, its read progress), so the pipes that took the first frame take the rest: no timeout can
     * expire in the middle, and a peer that leaves meanwhile is seen after the message, which it loses whole.
     *
     * @throws IllegalStateException if the pattern refuses the frame, which {@link #xSend} must not do
     */
    public final void sendRestOfMessage(Frame frame) {
        if (!xSend(frame)) {
            throw new IllegalStateException(
                    "the " + options.type + " socket refused a frame in the middle of a message it had taken");
        }
    }

    /**
     * Receives a frame into {@code view} (valid until the next receive), blocking as RCVTIMEO allows unless
     * {@code dontWait}; false when none came.
     */
    public final boolean recv(Frame view, boolean dontWait) {
        checkContext();
        processCommands(0);
        boolean received = xRecv(view);
        if (!received && !dontWait && options.receiveTimeout != 0) {
            int timeout = options.receiveTimeout;
            long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : 0;
            while (!received) {
                long wait = timeout < 0 ? -1 : deadline - System.nanoTime();
                if (timeout > 0 && wait <= 0) {
                    break;
                }
                processCommands(wait);
                received = xRecv(view);
            }
        }
        if (received) {
            receiveMore = view.hasMore();
        }
        return received;
    }

    /**
     * What the socket could do now without blocking, as {@code Poller.POLLIN} (1) and {@code Poller.POLLOUT} (2)
     * bits: libzmq's ZMQ_EVENTS. Processes pending commands first, so that pipes attached or activated meanwhile
     * count.
     */
    public final int pollEvents() {
        checkContext();
        processCommands(0);
        return (xHasIn() ? POLLIN : 0) | (xHasOut() ? POLLOUT : 0);
    }

    /** Executes pending commands, first waiting up to {@code timeoutNanos} (negative: forever) for one. */
    private void processCommands(long timeoutNanos) {
        Command command = timeoutNanos == 0 ? mailbox().poll() : guard.awaitCommand(mailbox(), timeoutNanos);
        while (command != null) {
            command.dispatch();
            command = mailbox().poll();
        }
        checkContext();
        guard.checkOpen();
    }

    /**
     * Closes the socket; the reaper finishes the job (lingering) in the background. Idempotent. A socket that is not
     * thread-safe refuses while another thread is inside a call on it (EINVAL); a thread-safe one wakes the calls
     * inside, which fail with ENOTSOCK, and closes once they have returned. See {@link CallGuard}.
     */
    public final void close() {
        if (guard.close()) {
            handOverToReaper();
        }
    }

    /** Called by the context's closing thread: waits for running application calls to return, then closes. */
    public final void closeFromContext() throws InterruptedException {
        contextTerminated = true;
        if (guard.closeFromContext()) {
            handOverToReaper();
        }
    }

    private void handOverToReaper() {
        Reaper reaper = context().reaper();
        send(new Command.Reap(reaper, this));
    }

    // ---- reaping -------------------------------------------------------------------------------------------

    /** On the reaper thread: start terminating, from now on woken by the reaper. */
    @Override
    public final void startReaping(Wakeup wakeup) {
        mailbox().setWakeup(wakeup);
        terminate();
    }

    /** On the reaper thread. */
    @Override
    public final void processCommandsWhileReaping() {
        Command command;
        while (!destroyed && (command = mailbox().poll()) != null) {
            command.dispatch();
        }
    }

    @Override
    public final boolean isDestroyed() {
        return destroyed;
    }

    @Override
    protected final void processStop() {
        contextTerminated = true;
    }

    @Override
    protected void processTerm(int linger) {
        for (String name : inprocBindings) {
            context().unbindInproc(name, this);
        }
        inprocBindings.clear();
        context().unbindAllInproc(this);
        registerTermAcks(pipes.size());
        for (Pipe pipe : new ArrayList<>(pipes)) {
            pipe.terminate(false);
        }
        super.processTerm(linger);
    }

    @Override
    protected final void processDestroy() {
        // Every listener and connection has closed (their CLOSED events are out): the monitor's last word.
        events.socketClosed();
        destroyed = true;
    }

    // ---- pipes ---------------------------------------------------------------------------------------------

    @Override
    protected final void processBind(Pipe pipe) {
        attachPipe(pipe);
    }

    private void attachPipe(Pipe pipe) {
        attachPipe(pipe, false);
    }

    /** @param subscribeToAll the pipe leads to a transport without subscriptions (udp), as libzmq's flag says */
    private void attachPipe(Pipe pipe, boolean subscribeToAll) {
        pipe.setEventSink(this);
        pipes.add(pipe);
        xAttachPipe(pipe, subscribeToAll);
        if (isTerminating()) {
            registerTermAcks(1);
            pipe.terminate(false);
        }
    }

    @Override
    public final void readActivated(Pipe pipe) {
        xReadActivated(pipe);
    }

    @Override
    public final void writeActivated(Pipe pipe) {
        xWriteActivated(pipe);
    }

    @Override
    public final void hiccuped(Pipe pipe) {
        xHiccuped(pipe);
    }

    /** The pipe now leads to a new connection of the same peer (after a reconnect). */
    protected void xHiccuped(Pipe pipe) {
        // Most sockets have nothing to tell a new connection.
    }

    @Override
    public final void pipeTerminated(Pipe pipe) {
        xPipeTerminated(pipe);
        pipes.remove(pipe);
        endpoints.values().removeIf(record -> record.pipe() == pipe && record.owned() == null);
        if (isTerminating()) {
            unregisterTermAck();
        }
    }

    /** SUBSCRIBE / UNSUBSCRIBE; only SUB sockets have them. */
    public void setSubscription(boolean subscribe, byte[] topic) {
        throw new ZmqException(
                ErrorCode.EINVAL,
                "option " + (subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE") + " applies to SUB sockets, not to "
                        + options.type + " (an XSUB subscribes by sending 0x01 + topic)");
    }

    /** Joins a group; only DISH sockets have groups. */
    public void join(String group) {
        throw new ZmqException(ErrorCode.EINVAL, "join applies to DISH sockets, not to " + options.type);
    }

    /** Leaves a group; only DISH sockets have groups. */
    public void leave(String group) {
        throw new ZmqException(ErrorCode.EINVAL, "leave applies to DISH sockets, not to " + options.type);
    }

    /** The error for an operation the socket type does not have. */
    protected final ZmqException notSupported(String operation) {
        return new ZmqException(ErrorCode.ENOTSUP, "a " + options.type + " socket cannot " + operation);
    }

    // ---- the pattern ---------------------------------------------------------------------------------------

    /** A new pipe to a peer. */
    protected abstract void xAttachPipe(Pipe pipe);

    /**
     * A new pipe to a peer that cannot subscribe (libzmq's subscribe_to_all: a udp endpoint): a RADIO sends it every
     * message. Other sockets treat it as any pipe.
     */
    protected void xAttachPipe(Pipe pipe, boolean subscribeToAll) {
        xAttachPipe(pipe);
    }

    /**
     * Sends a frame; false when it would block. Throws for pattern errors (EFSM, EHOSTUNREACH). Once a message's
     * first frame is taken, every following frame handed over before a command is processed must be taken too:
     * {@link #sendRestOfMessage} relies on it. When commands come between the frames (a message sent one call per
     * frame), the pipe that took the head may end before the tail: a pattern then drops the rest of the message
     * rather than give it to another pipe.
     */
    protected abstract boolean xSend(Frame frame);

    /** Receives a frame into {@code view}; false when none is available. */
    protected abstract boolean xRecv(Frame view);

    /** Whether a receive would find a frame now (libzmq's xhas_in); may prefetch a message to find out. */
    protected abstract boolean xHasIn();

    /** Whether a send would be accepted now (libzmq's xhas_out). */
    protected abstract boolean xHasOut();

    protected abstract void xReadActivated(Pipe pipe);

    protected abstract void xWriteActivated(Pipe pipe);

    protected abstract void xPipeTerminated(Pipe pipe);
}
