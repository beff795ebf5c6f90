package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.Errno;
import dev.zmq4j.io.Interest;
import dev.zmq4j.io.IoHandler;
import dev.zmq4j.io.IoThread;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.FrameDecoder;
import dev.zmq4j.protocol.FrameEncoder;
import dev.zmq4j.protocol.Greeting;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.session.Session;
import dev.zmq4j.socket.SocketEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * Speaks ZMTP 3.x over one connected channel: the greeting, the NULL handshake, then frames in both directions,
 * many per read and many per write.
 *
 * <p>The greeting is sent in stages, as libzmq does: the 10-byte signature at once, the major version once the
 * peer's signature proves it speaks ZMTP 2.0 or later, the rest once the peer's major version says 3. A peer that
 * sends everything at once is fine too. ZMTP 1.0 and 2.0 peers are refused.
 *
 * <p>Back-pressure: when the session's pipe is full, reading stops (the decoded frame is kept) until the socket
 * has read enough to reactivate the pipe; when the pipe is empty, writing stops until new messages are flushed.
 *
 * <p>Bad input (garbage, an oversized frame, a wrong handshake, a silent peer past HANDSHAKE_IVL) closes this
 * connection and only this one. Called only on its I/O thread.
 *
 * <p>Raises the socket's HANDSHAKE_* events and, when the connection ends by itself (peer gone, error, timeout;
 * not when the session terminates it), DISCONNECTED, with libzmq's values.
 */
public final class StreamEngine implements Engine, IoHandler, Heartbeat.Connection {
    private static final System.Logger LOG = System.getLogger(StreamEngine.class.getName());
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int HANDSHAKE_TIMER = 1;
    /** Rounds of pull-and-write per readiness event before yielding to the other channels of the thread. */
    private static final int MAX_WRITE_ROUNDS = 16;

    private static final String MECHANISM = "NULL";
    private static final byte[] NO_ROUTING_ID = new byte[0];

    private enum State {
        GREETING,
        AWAIT_READY,
        ACTIVE,
        CLOSED
    }

    private final SocketChannel channel;
    private SelectionKey key;
    private final Options options;
    private final String endpoint;
    /** On the heap, so that decoded frames can be described where they lie and copied once, into the pipe. */
    private final ByteBuffer inBuffer = ByteBuffer.allocate(BUFFER_SIZE);

    private final Frame inView = new Frame();
    private final Frame outView = new Frame();
    /** On the heap too: encoding many small frames into a heap array is cheaper than into native memory. */
    private final ByteBuffer outBuffer = ByteBuffer.allocate(BUFFER_SIZE);

    private final FrameDecoder decoder;
    private final FrameEncoder encoder = new FrameEncoder();
    private final byte[] greeting = new byte[Greeting.SIZE];
    private int greetingReceived;
    private boolean versionSent;
    private boolean restOfGreetingSent;
    private int peerMinorVersion;

    private IoThread ioThread;
    private Session session;
    private State state = State.GREETING;
    private Object handshakeTimer;
    private boolean inputStopped;
    private boolean outputStopped = true;
    private Frame pendingIn;
    /** Commands (PONG, PING) to send at the next message boundary. */
    private final ArrayDeque<Frame> pendingCommandsOut = new ArrayDeque<>();

    private Heartbeat heartbeat;
    private boolean midMessageOut;

    /**
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    public StreamEngine(SocketChannel channel, SelectionKey key, Options options, String endpoint) {
        this.channel = channel;
        this.key = key;
        this.options = options;
        this.endpoint = endpoint;
        this.decoder = new FrameDecoder(options.maxMessageSize);
    }

    /** Starts the engine on the session's I/O thread. */
    public void plug(IoThread ioThread, Session session) {
        this.ioThread = ioThread;
        this.session = session;
        this.heartbeat = new Heartbeat(ioThread, options, this);
        if (key == null) {
            key = ioThread.register(channel, this);
        } else {
            key.attach(this);
        }
        Interest.add(key, SelectionKey.OP_READ);
        if (options.handshakeInterval > 0) {
            handshakeTimer = ioThread.addTimer(options.handshakeInterval, this, HANDSHAKE_TIMER);
        }
        outBuffer.put(Greeting.signature(options.routingId.length));
        writeOut();
    }

    /** The ZMTP minor version the peer announced (0 for ZMTP 3.0, 1 for 3.1). */
    public int peerMinorVersion() {
        return peerMinorVersion;
    }

    @Override
    public void inEvent() {
        int read;
        try {
            ByteBuffer largeBody = inBuffer.position() == 0 ? decoder.largeBodyWindow() : null;
            if (largeBody != null) {
                // A large frame's body goes straight into its own array, not through the input buffer.
                read = channel.read(largeBody);
                if (read > 0) {
                    heartbeat.trafficReceived();
                    decoder.bodyFilled(read);
                    inBuffer.flip();
                    consumeInput();
                    if (state != State.CLOSED) {
                        inBuffer.compact();
                    }
                    return;
                }
            } else {
                read = channel.read(inBuffer);
            }
        } catch (IOException e) {
            error("read failed: " + e.getMessage(), Errno.of(e));
            return;
        }
        if (read < 0) {
            error("connection closed by the peer", Errno.EPIPE);
            return;
        }
        if (read > 0 && state == State.ACTIVE) {
            heartbeat.trafficReceived();
        }
        inBuffer.flip();
        consumeInput();
        if (state != State.CLOSED) {
            inBuffer.compact();
        }
    }

    private void consumeInput() {
        try {
            if (state == State.GREETING) {
                receiveGreeting();
                if (state == State.GREETING || state == State.CLOSED) {
                    return;
                }
            }
            while (state != State.CLOSED && !inputStopped) {
                if (!decoder.decode(inBuffer, inView)) {
                    break;
                }
                if (state == State.AWAIT_READY) {
                    completeHandshake(inView);
                } else if (inView.isCommand()) {
                    Frame message = processCommand(inView);
                    if (message != null && !session.pushFrame(message)) {
                        pendingIn = message;
                        stopInput();
                    }
                } else if (!session.pushFrame(inView)) {
                    // The view points into buffers that will change: keep a copy until the pipe has room.
                    pendingIn = inView.copy();
                    stopInput();
                }
            }
        } catch (ProtocolException e) {
            protocolError(e);
            return;
        }
        if (state == State.ACTIVE) {
            session.flush();
        }
    }

    private void receiveGreeting() throws ProtocolException {
        boolean wrote = false;
        while (inBuffer.hasRemaining() && greetingReceived < Greeting.SIZE) {
            int target = !versionSent
                    ? Greeting.SIGNATURE_SIZE
                    : !restOfGreetingSent ? Greeting.MAJOR_OFFSET + 1 : Greeting.SIZE;
            int take = Math.min(inBuffer.remaining(), target - greetingReceived);
            inBuffer.get(greeting, greetingReceived, take);
            greetingReceived += take;
            if (greeting[0] != (byte) 0xFF) {
                // Not even the first signature byte: garbage or ZMTP 1.0, no need to wait for more.
                throw new ProtocolException(
                        "the peer does not speak ZMTP 3 (first byte is not 0xFF)",
                        SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
            }
            if (!versionSent && greetingReceived >= Greeting.SIGNATURE_SIZE) {
                if (!Greeting.isVersionedSignature(greeting)) {
                    throw new ProtocolException(
                            "the peer does not speak ZMTP 3 (no versioned signature)",
                            SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
                }
                outBuffer.put((byte) Greeting.VERSION_MAJOR);
                versionSent = true;
                wrote = true;
            }
            if (versionSent && !restOfGreetingSent && greetingReceived > Greeting.MAJOR_OFFSET) {
                int major = greeting[Greeting.MAJOR_OFFSET] & 0xFF;
                if (major < Greeting.VERSION_MAJOR) {
                    throw new ProtocolException(
                            "the peer speaks ZMTP " + (major < 1 ? "1.0" : "2.0") + ", zmq4j needs ZMTP 3.0 or later",
                            SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
                }
                outBuffer.put(Greeting.afterMajor(MECHANISM, false));
                restOfGreetingSent = true;
                wrote = true;
            }
        }
        if (greetingReceived == Greeting.SIZE) {
            String mechanism = Greeting.mechanism(greeting);
            if (!MECHANISM.equals(mechanism)) {
                throw new ProtocolException(
                        "security mechanism mismatch: the peer uses " + mechanism + ", this socket uses " + MECHANISM,
                        SocketEvent.PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH);
            }
            peerMinorVersion = (greeting[Greeting.MAJOR_OFFSET] & 0xFF) > Greeting.VERSION_MAJOR
                    ? Greeting.VERSION_MINOR
                    : greeting[Greeting.MINOR_OFFSET] & 0xFF;
            encoder.load(ZmtpCommands.ready(ownMetadata()));
            encoder.encode(outBuffer);
            state = State.AWAIT_READY;
            wrote = true;
        }
        if (wrote) {
            writeOut();
        }
    }

    private Metadata ownMetadata() {
        Metadata metadata = new Metadata().put(Metadata.SOCKET_TYPE, options.type.name());
        if (options.announcesRoutingId) {
            metadata.put(Metadata.IDENTITY, options.routingId);
        }
        return metadata;
    }

    private void completeHandshake(Frame frame) throws ProtocolException {
        if (!frame.isCommand()) {
            throw new ProtocolException(
                    "expected a READY command, received a message", SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        }
        if (ZmtpCommands.is(frame, ZmtpCommands.ERROR)) {
            String reason = ZmtpCommands.errorReason(frame);
            int zapStatus = zapStatus(reason);
            if (zapStatus != 0) {
                events().raise(SocketEvent.Type.HANDSHAKE_FAILED_AUTH, zapStatus, endpoint);
            }
            // libzmq raises no protocol event for a well-formed ERROR: the peer said no, it did not break ZMTP.
            throw new ProtocolException("the peer refused the handshake: " + reason);
        }
        if (!ZmtpCommands.is(frame, ZmtpCommands.READY)) {
            throw new ProtocolException(
                    "expected a READY command, received " + ZmtpCommands.name(frame),
                    SocketEvent.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND);
        }
        Metadata metadata =
                Metadata.parse(frame.data(), ZmtpCommands.dataOffset(frame), ZmtpCommands.dataLength(frame));
        String peerTypeName = metadata.getString(Metadata.SOCKET_TYPE);
        SocketType peerType = peerTypeName == null ? null : SocketType.fromWireName(peerTypeName);
        if (peerType == null || !options.type.isCompatibleWith(peerType)) {
            throw new ProtocolException("a " + options.type + " socket cannot talk to a peer of type " + peerTypeName);
        }
        cancelHandshakeTimer();
        state = State.ACTIVE;
        events().raise(SocketEvent.Type.HANDSHAKE_SUCCEEDED, 0, endpoint);
        heartbeat.start();
        session.engineReady();
        if (options.receivesRoutingId) {
            byte[] identity = metadata.get(Metadata.IDENTITY);
            Frame routingId = new Frame(identity == null ? NO_ROUTING_ID : identity, Frame.ROUTING_ID);
            if (!session.pushFrame(routingId)) {
                pendingIn = routingId;
                stopInput();
            }
        }
        writeOut();
    }

    /**
     * Handles a command after the handshake; returns the message it stands for, if any: a ZMTP 3.1 SUBSCRIBE or
     * CANCEL reaches a PUB or XPUB as the 0x01/0x00 message that ZMTP 3.0 peers send.
     */
    private Frame processCommand(Frame command) {
        if (ZmtpCommands.is(command, ZmtpCommands.PING)) {
            heartbeat.pingReceived(ZmtpCommands.pingTtl(command));
            sendCommand(ZmtpCommands.pong(ZmtpCommands.pingContext(command)));
            return null;
        }
        boolean subscribe = ZmtpCommands.is(command, ZmtpCommands.SUBSCRIBE);
        if ((subscribe || ZmtpCommands.is(command, ZmtpCommands.CANCEL))
                && (options.type == SocketType.PUB || options.type == SocketType.XPUB)) {
            int offset = ZmtpCommands.dataOffset(command);
            int length = ZmtpCommands.dataLength(command);
            byte[] message = new byte[length + 1];
            message[0] = (byte) (subscribe ? 1 : 0);
            System.arraycopy(command.array(), command.offset() + offset, message, 1, length);
            return new Frame(message, 0);
        }
        // Other commands (PONG, unknown ones) are dropped, as libzmq does.
        return null;
    }

    /** Queues a command for the next message boundary and makes sure output runs. */
    private void sendCommand(Frame command) {
        pendingCommandsOut.add(command);
        if (outputStopped) {
            restartOutput();
        }
    }

    @Override
    public void sendPing(int ttlDeciseconds) {
        sendCommand(ZmtpCommands.ping(ttlDeciseconds, new byte[0]));
    }

    @Override
    public void heartbeatFailed(String reason) {
        error(reason, Errno.ETIMEDOUT);
    }

    /**
     * A subscription from a SUB or XSUB travels through the pipe as the 0x01/0x00 message; a ZMTP 3.1 peer gets it
     * as a SUBSCRIBE or CANCEL command, as libzmq sends it.
     */
    private Frame asSubscriptionCommand(Frame frame, boolean startsMessage) {
        if (!startsMessage
                || frame.hasMore()
                || frame.size() == 0
                || peerMinorVersion < 1
                || (options.type != SocketType.SUB && options.type != SocketType.XSUB)) {
            return frame;
        }
        byte kind = frame.array()[frame.offset()];
        if (kind != 0 && kind != 1) {
            return frame;
        }
        byte[] topic = java.util.Arrays.copyOfRange(frame.array(), frame.offset() + 1, frame.offset() + frame.size());
        return kind == 1 ? ZmtpCommands.subscribe(topic) : ZmtpCommands.cancel(topic);
    }

    private void stopInput() {
        inputStopped = true;
        Interest.remove(key, SelectionKey.OP_READ);
    }

    /** The socket has read from a full pipe: resume decoding. */
    public void restartInput() {
        if (!inputStopped || state == State.CLOSED) {
            return;
        }
        if (pendingIn != null) {
            if (!session.pushFrame(pendingIn)) {
                return;
            }
            pendingIn = null;
        }
        inputStopped = false;
        inBuffer.flip();
        consumeInput();
        if (state == State.CLOSED) {
            return;
        }
        inBuffer.compact();
        session.flush();
        if (!inputStopped) {
            Interest.add(key, SelectionKey.OP_READ);
        }
    }

    /** New messages were flushed into an empty pipe: resume writing. */
    public void restartOutput() {
        if (state == State.CLOSED || !outputStopped) {
            return;
        }
        writeOut();
    }

    @Override
    public void outEvent() {
        writeOut();
    }

    private void writeOut() {
        for (int round = 0; round < MAX_WRITE_ROUNDS; round++) {
            if (state == State.ACTIVE) {
                fillOutput();
            }
            if (outBuffer.position() == 0) {
                outputStopped = true;
                Interest.remove(key, SelectionKey.OP_WRITE);
                return;
            }
            outBuffer.flip();
            try {
                channel.write(outBuffer);
            } catch (IOException e) {
                error("write failed: " + e.getMessage(), Errno.of(e));
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

    private void fillOutput() {
        while (outBuffer.hasRemaining()) {
            if (!encoder.hasPending()) {
                Frame next;
                if (!pendingCommandsOut.isEmpty() && !midMessageOut) {
                    next = pendingCommandsOut.poll();
                } else {
                    if (!session.pullFrame(outView)) {
                        return;
                    }
                    next = asSubscriptionCommand(outView, !midMessageOut);
                    midMessageOut = outView.hasMore();
                }
                encoder.load(next);
            }
            if (!encoder.encode(outBuffer)) {
                return;
            }
        }
    }

    @Override
    public void timerEvent(int timerId) {
        handshakeTimer = null;
        error("no handshake within HANDSHAKE_IVL (" + options.handshakeInterval + " ms)", Errno.ETIMEDOUT);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer != null) {
            ioThread.cancelTimer(handshakeTimer);
            handshakeTimer = null;
        }
    }

    /** The peer broke ZMTP: during the handshake libzmq names the fault (when it has a code for it). */
    private void protocolError(ProtocolException e) {
        if (state != State.CLOSED && state != State.ACTIVE && e.monitorCode() != 0) {
            events().raise(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, e.monitorCode(), endpoint);
        }
        fail("protocol error: " + e.getMessage());
    }

    /** The connection failed (I/O error, peer gone, timeout); {@code errno} for a failed handshake's event. */
    private void error(String reason, int errno) {
        if (state == State.GREETING || state == State.AWAIT_READY) {
            events().raise(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, errno, endpoint);
        }
        fail(reason);
    }

    private void fail(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "closing connection " + endpoint + ": " + reason);
        // libzmq reports every connection that ends by itself (not one the application closes) as DISCONNECTED.
        events().raise(SocketEvent.Type.DISCONNECTED, channel, endpoint);
        close();
        session.engineError();
    }

    private SocketEvents events() {
        return session.socket().events();
    }

    /** The ZAP status code (300, 400 or 500) an ERROR reason carries, as libzmq recognises it; 0 for other text. */
    private static int zapStatus(String reason) {
        if (reason.length() == 3 && reason.charAt(0) >= '3' && reason.charAt(0) <= '5' && reason.endsWith("00")) {
            return (reason.charAt(0) - '0') * 100;
        }
        return 0;
    }

    /** Closes the connection without telling the session (the session is going away). */
    public void terminate() {
        if (state != State.CLOSED) {
            close();
        }
    }

    private void close() {
        state = State.CLOSED;
        cancelHandshakeTimer();
        if (heartbeat != null) {
            heartbeat.stop();
        }
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
