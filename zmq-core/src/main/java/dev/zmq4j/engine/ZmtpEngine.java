package dev.zmq4j.engine;

import dev.zmq4j.SocketEvent;
import dev.zmq4j.core.Options;
import dev.zmq4j.io.Conduit;
import dev.zmq4j.io.Errno;
import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.ZmtpCommands;
import dev.zmq4j.protocol.mechanism.HandshakeFailure;
import dev.zmq4j.protocol.mechanism.Mechanism;
import dev.zmq4j.protocol.mechanism.Mechanisms;
import dev.zmq4j.protocol.mechanism.RoutingIdExchange;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * Speaks ZMTP 3.x over one connected channel (libzmq's zmtp_engine_t and ws_engine_t): the preamble of its
 * {@link Wire} (the ZMTP greeting on tcp and ipc, the WebSocket upgrade on ws) and the handshake of its
 * {@link Mechanism} ({@link ZmtpHandshake}, within HANDSHAKE_IVL), then frames in both directions, many per read and
 * many per write, with heartbeats ({@link Heartbeat}). ZMTP 1.0 and 2.0 peers are refused.
 *
 * <p>Back-pressure: when the host has no room, reading stops (the decoded frame is kept) until the socket has read
 * enough to reactivate the pipe; when the host has nothing to send, writing stops until new messages are flushed.
 * Commands of our own (PONG, PING) go out at the next message boundary.
 *
 * <p>Bad input (garbage, an oversized frame, a wrong handshake, a silent peer past HANDSHAKE_IVL) closes this
 * connection and only this one. Raises the socket's HANDSHAKE_* events and, when the connection ends by itself
 * (peer gone, error, timeout; not when the host terminates it), DISCONNECTED, with libzmq's values.
 *
 * <p>Called only on its I/O thread.
 */
public final class ZmtpEngine extends ChannelEngine implements ZmtpHandshake.Connection, Heartbeat.Connection {
    private static final System.Logger LOG = System.getLogger(ZmtpEngine.class.getName());
    private static final byte[] NO_ROUTING_ID = new byte[0];

    private enum State {
        PREAMBLE,
        HANDSHAKE,
        ACTIVE
    }

    /** A carry buffer this small is kept for the next partial frame; a larger one is dropped once empty. */
    private static final int KEPT_CARRY_SIZE = 4 * 1024;

    /*
     * Reads go into the I/O thread's shared buffer (on the heap, so that decoded frames are described where they lie
     * and copied once, into the pipe). What a read leaves undecoded, the start of a frame cut off at its end or what
     * waits while the host is full, is carried here (write mode) to the next read; empty or null otherwise.
     */
    private ByteBuffer carry;
    /** The buffer the last read went into, when it was the shared one. */
    private ByteBuffer input;

    private final Frame inView = new Frame();
    private final Frame outView = new Frame();
    private final Wire wire;
    /** Chosen when the engine starts (it needs the host's ZAP line), unless a test gave one. */
    private Mechanism mechanism;
    /** The mechanism's handshake commands, sent as they are, before any other frame. */
    private final ArrayDeque<Frame> handshakeOut = new ArrayDeque<>();
    /*
     * Our own PONG and PING, sent at the next message boundary and encoded only then: a mechanism that numbers what it
     * encodes (CURVE) must see frames in the order they go on the wire. One slot each, as libzmq keeps them: a newer
     * PING's PONG replaces one not yet sent, so a peer that floods PINGs and never reads queues nothing.
     */
    private Frame pongOut;
    private Frame pingOut;
    /** The body window of a large frame the last read went straight into, bypassing the input buffer. */
    private ByteBuffer largeBody;

    /** The peer closed the wire (a WebSocket close frame): our answer goes out before anything else, then we close. */
    private boolean closeDue;
    /** Our answer to the peer's close is loaded: nothing follows it. */
    private boolean closeAnswered;

    private State state = State.PREAMBLE;
    private ZmtpHandshake handshake;
    private Heartbeat heartbeat;
    private Subscriptions subscriptions;
    private Frame pendingIn;
    private boolean midMessageOut;

    /**
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    public ZmtpEngine(SocketChannel channel, SelectionKey key, Options options, String endpoint) {
        this(channel, Conduit.of(channel), key, options, endpoint, new ZmtpWire(options), null);
    }

    /**
     * Over another wire (ws).
     *
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    public ZmtpEngine(SocketChannel channel, SelectionKey key, Options options, String endpoint, Wire wire) {
        this(channel, Conduit.of(channel), key, options, endpoint, wire, null);
    }

    /**
     * Over another wire, through a conduit other than the channel itself (wss: TLS).
     *
     * @param key the channel's registration when the connecter already registered it with the same I/O thread
     */
    public ZmtpEngine(
            SocketChannel channel, Conduit conduit, SelectionKey key, Options options, String endpoint, Wire wire) {
        this(channel, conduit, key, options, endpoint, wire, null);
    }

    /** With a given mechanism (null: chosen from the options when it starts); for tests of the handshake. */
    ZmtpEngine(SocketChannel channel, SelectionKey key, Options options, String endpoint, Mechanism mechanism) {
        this(channel, Conduit.of(channel), key, options, endpoint, new ZmtpWire(options), mechanism);
    }

    private ZmtpEngine(
            SocketChannel channel,
            Conduit conduit,
            SelectionKey key,
            Options options,
            String endpoint,
            Wire wire,
            Mechanism mechanism) {
        super(channel, conduit, key, options, endpoint);
        this.wire = wire;
        this.mechanism = mechanism;
    }

    @Override
    protected void started() {
        if (mechanism == null) {
            mechanism = Mechanisms.forConnection(options, peerAddress(), host().zapChannel());
        }
        heartbeat = new Heartbeat(ioThread(), options, this);
        handshake = new ZmtpHandshake(ioThread(), options, wire, mechanism, this);
        startReading();
        handshake.start();
        writeOut();
    }

    // ---- input -------------------------------------------------------------------------------------------

    @Override
    protected ByteBuffer inputTarget() {
        boolean carrying = carry != null && carry.position() > 0;
        // A large frame's body goes straight into its own array, not through the input buffer.
        largeBody = carrying ? null : wire.largeBodyWindow();
        if (largeBody != null) {
            return largeBody;
        }
        input = ioThread().sharedInputBuffer();
        if (carrying) {
            carry.flip();
            input.put(carry);
            carry.clear();
        }
        return input;
    }

    @Override
    protected void bytesRead(int count) {
        heartbeat.trafficReceived();
        ByteBuffer in;
        if (largeBody != null) {
            wire.bodyFilled(count);
            largeBody = null;
            in = ioThread().sharedInputBuffer().flip();
        } else {
            in = input.flip();
        }
        input = null;
        consumeInput(in);
        if (!isClosed()) {
            carryOver(in);
        }
    }

    /** Keeps what {@code in} (read mode, the shared buffer) still holds for the next read. */
    private void carryOver(ByteBuffer in) {
        int left = in.remaining();
        if (left == 0) {
            if (carry != null && carry.capacity() > KEPT_CARRY_SIZE) {
                carry = null;
            }
            return;
        }
        if (carry == null || carry.capacity() < left) {
            carry = ByteBuffer.allocate(Math.max(left, 256));
        }
        carry.put(in);
    }

    /** Decodes what {@code in} (read mode) holds, until it runs out, the host is full or the engine closes. */
    private void consumeInput(ByteBuffer in) {
        try {
            if (state == State.PREAMBLE) {
                if (!handshake.receivePreamble(in)) {
                    return;
                }
                state = State.HANDSHAKE;
                writeOut();
            }
            while (!isClosed() && !isInputStopped()) {
                Wire.Input input = wire.decode(in, inView);
                if (input == Wire.Input.NEED_MORE) {
                    return;
                }
                inputDecoded(input);
            }
        } catch (ProtocolException e) {
            protocolError(e);
        }
    }

    private void inputDecoded(Wire.Input input) throws ProtocolException {
        switch (input) {
            case FRAME:
                if (state == State.HANDSHAKE) {
                    handshake.process(inView);
                } else {
                    frameReceived(decode(inView));
                }
                break;
            case PING:
                pongOut = wire.pongPayload();
                restartOutput();
                break;
            case CLOSE:
                peerClosed();
                break;
            default:
                // A PONG: the peer is alive, which the bytes read already told the heartbeat.
                break;
        }
    }

    /** The peer closed the wire: answer (when no frame is half-written), then close the connection. */
    private void peerClosed() {
        closeDue = true;
        stopInput();
        writeOut();
        writeBufferedOnce();
        fail("the peer closed the connection");
    }

    /** A frame as the mechanism opens it; one that does not open ends the connection, with libzmq's event. */
    private Frame decode(Frame frame) throws ProtocolException {
        try {
            return mechanism.decode(frame);
        } catch (ProtocolException e) {
            // libzmq's mechanisms report a bad MESSAGE as a handshake failure, even long after the handshake.
            if (e.monitorCode() != 0) {
                events().raise(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, e.monitorCode(), endpoint);
            }
            throw new ProtocolException(e.getMessage());
        }
    }

    @Override
    public void queueCommand(Frame command) {
        handshakeOut.add(command);
    }

    @Override
    public void outputDue() {
        writeOut();
    }

    @Override
    public Mechanism mechanismAfterPreamble() {
        if (wire.withoutMechanism()) {
            mechanism.destroy();
            mechanism = new RoutingIdExchange(options);
        }
        return mechanism;
    }

    @Override
    public void handshakeSucceeded(Metadata peerMetadata) {
        state = State.ACTIVE;
        wire.handshakeDone();
        subscriptions = new Subscriptions(options.type, wire.peerMinorVersion());
        events().raise(SocketEvent.Type.HANDSHAKE_SUCCEEDED, 0, endpoint);
        heartbeat.start();
        host().engineReady(properties(peerMetadata));
        if (options.receivesRoutingId) {
            byte[] identity = peerMetadata.get(Metadata.IDENTITY);
            push(new Frame(identity == null ? NO_ROUTING_ID : identity, Frame.ROUTING_ID));
        }
        writeOut();
    }

    /** What every message from this peer carries, in libzmq's order: the first value of a name wins. */
    private Properties properties(Metadata peerMetadata) {
        Properties.Builder properties = Properties.builder().put(Properties.PEER_ADDRESS, peerAddress());
        mechanism.addZapPropertiesTo(properties);
        for (String name : peerMetadata.names()) {
            properties.put(name, peerMetadata.get(name));
        }
        return properties.build();
    }

    @Override
    public void zapReplyArrived() {
        if (state != State.HANDSHAKE || isClosed()) {
            return;
        }
        try {
            handshake.zapReplyArrived();
        } catch (ProtocolException e) {
            protocolError(e);
        }
    }

    /** A frame after the handshake: a command is handled here, a message goes to the host. */
    private void frameReceived(Frame frame) {
        if (!frame.isCommand()) {
            push(frame);
            return;
        }
        if (ZmtpCommands.is(frame, ZmtpCommands.PING) && !wire.hasControlHeartbeats()) {
            heartbeat.pingReceived(ZmtpCommands.pingTtl(frame));
            pongOut = ZmtpCommands.pongFor(frame);
            restartOutput();
            return;
        }
        // A subscription reaches a PUB or XPUB as a message, a JOIN or LEAVE a RADIO as the command it is; other
        // commands (PONG, unknown ones, and PING where the wire has heartbeats of its own) are dropped, as libzmq does.
        Frame subscription = subscriptions.inbound(frame);
        if (subscription != null) {
            push(subscription);
        }
    }

    /** Delivers a frame to the host, or keeps it and stops reading until the host has room. */
    private void push(Frame frame) {
        if (!host().pushFrame(frame)) {
            // A view points into buffers that will change: keep a copy until the pipe has room.
            pendingIn = frame.copy();
            stopInput();
        }
    }

    @Override
    public void restartInput() {
        if (!isInputStopped() || isClosed()) {
            return;
        }
        if (pendingIn != null) {
            if (!host().pushFrame(pendingIn)) {
                return;
            }
            pendingIn = null;
        }
        resumeInput();
        if (carry != null && carry.position() > 0) {
            // Straight from the carry buffer: the frames decoded from it are copied into the pipe before it changes.
            carry.flip();
            consumeInput(carry);
            if (isClosed()) {
                return;
            }
            carry.compact();
        }
        host().flush();
        readBufferedInput();
    }

    // ---- output ------------------------------------------------------------------------------------------

    @Override
    protected void produceOutput(ByteBuffer out) {
        if (wire.hasPreambleOutput()) {
            wire.producePreamble(out);
        }
        if (!wire.framesMayFollow()) {
            return;
        }
        while (out.hasRemaining()) {
            if (!wire.hasPending() && !loadNextFrame()) {
                return;
            }
            if (!wire.encode(out)) {
                return;
            }
        }
    }

    /** Loads what is due next into the wire; false when nothing is. */
    private boolean loadNextFrame() {
        if (!handshakeOut.isEmpty()) {
            wire.load(handshakeOut.poll());
            return true;
        }
        if (closeDue) {
            // The answer to the peer's close is the last thing we send.
            closeDue = false;
            wire.loadClose();
            closeAnswered = true;
            return true;
        }
        if (closeAnswered) {
            return false;
        }
        if (!midMessageOut && (pongOut != null || pingOut != null)) {
            boolean pong = pongOut != null;
            wire.loadOwnCommand(takeOwnCommand(), pong, mechanism);
            return true;
        }
        if (state != State.ACTIVE || !host().pullFrame(outView)) {
            return false;
        }
        Frame next = subscriptions.outbound(outView, !midMessageOut);
        midMessageOut = outView.hasMore();
        wire.load(mechanism.encode(next));
        return true;
    }

    /** The pending PONG, else the pending PING; the slot it came from is emptied. */
    private Frame takeOwnCommand() {
        Frame command = pongOut != null ? pongOut : pingOut;
        if (command == pongOut) {
            pongOut = null;
        } else {
            pingOut = null;
        }
        return command;
    }

    @Override
    public void sendPing(int ttlDeciseconds) {
        pingOut = ZmtpCommands.ping(ttlDeciseconds, null);
        restartOutput();
    }

    // ---- failures and closing ----------------------------------------------------------------------------

    @Override
    public void heartbeatFailed(String reason) {
        connectionLost(reason, Errno.ETIMEDOUT);
    }

    @Override
    public void handshakeTimedOut() {
        connectionLost("no handshake within HANDSHAKE_IVL (" + options.handshakeInterval + " ms)", Errno.ETIMEDOUT);
    }

    @Override
    public void timerEvent(int timerId) {
        throw new IllegalStateException("a ZMTP engine's timers belong to its handshake and heartbeat");
    }

    /** The peer broke ZMTP: during the handshake libzmq names the fault (when it has a code for it). */
    private void protocolError(ProtocolException e) {
        if (!isClosed() && state != State.ACTIVE && e.monitorCode() != 0) {
            events().raise(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, e.monitorCode(), endpoint);
        }
        fail("protocol error: " + e.getMessage());
    }

    @Override
    public void handshakeFailed(HandshakeFailure failure) {
        if (!isClosed() && failure.event() != null) {
            events().raise(failure.event(), failure.eventValue(), endpoint);
        }
        fail(failure.reason());
    }

    /** The connection failed (I/O error, peer gone, timeout); {@code errno} for a failed handshake's event. */
    @Override
    protected void connectionLost(String reason, int errno) {
        if (!isClosed() && state != State.ACTIVE) {
            events().raise(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, errno, endpoint);
        }
        fail(reason);
    }

    private void fail(String reason) {
        if (isClosed()) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "closing connection " + endpoint + ": " + reason);
        reportDisconnected();
        close();
        host().engineError();
    }

    @Override
    public void terminate() {
        if (!isClosed()) {
            close();
        }
    }

    private void close() {
        if (handshake != null) {
            handshake.stop();
            heartbeat.stop();
        }
        if (mechanism != null) {
            mechanism.destroy();
        }
        closeChannel();
    }
}
