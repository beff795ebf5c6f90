package dev.zmq4j.engine;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.protocol.ProtocolException;
import dev.zmq4j.protocol.mechanism.Mechanism;
import java.nio.ByteBuffer;

/**
 * How the ZMTP frames of one connection travel on its byte stream: a preamble before any frame, then a framing of its
 * own. {@link ZmtpEngine} does the rest (the mechanism's handshake, messages, heartbeats, back-pressure) the same way
 * whatever the wire:
 *
 * <ul>
 *   <li>{@link ZmtpWire}: tcp and ipc, the ZMTP 3.x greeting, then 23/ZMTP frames;
 *   <li>{@link WsWire}: {@code ws://}, the WebSocket upgrade of 45/ZWS (which chooses the mechanism), then one
 *       binary WebSocket message per frame, with heartbeats and close as WebSocket control frames.
 * </ul>
 *
 * <p>Not thread-safe: one per connection, used only on that connection's I/O thread.
 */
public abstract class Wire {
    /** What {@link #decode} found. */
    enum Input {
        /** The bytes ran out before anything was complete. */
        NEED_MORE,
        /** A ZMTP frame, described in the view. */
        FRAME,
        /** The peer's heartbeat on the wire's own level (a WebSocket ping): answer with {@link #pongPayload()}. */
        PING,
        /** The peer answered our wire-level heartbeat: nothing to do, the bytes counted as traffic. */
        PONG,
        /** The peer is leaving: answer with {@link #loadClose()}, then close. */
        CLOSE
    }

    /** The engine has started: the preamble announces or negotiates {@code mechanism}. */
    abstract void begin(Mechanism mechanism);

    /** Whether preamble bytes are due and unwritten; no frame may be written before them. */
    abstract boolean hasPreambleOutput();

    abstract void producePreamble(ByteBuffer out);

    /**
     * Takes the peer's preamble bytes from {@code in}, never past the preamble's end; true once it is complete.
     *
     * @throws ProtocolException if the peer does not speak this wire's protocol, or refuses ours; then, if
     *     {@link #answersRefusal()}, the preamble output due (the rest of our greeting, an HTTP error) is written
     *     before the connection closes
     */
    abstract boolean receivePreamble(ByteBuffer in) throws ProtocolException;

    /** After {@link #receivePreamble} threw: whether the output it left due tells the peer why. */
    abstract boolean answersRefusal();

    /** Whether frames may be written: our whole preamble is, and the peer has answered where the wire needs it. */
    abstract boolean framesMayFollow();

    /** The ZMTP 3 minor version the peer speaks, which says how subscriptions travel; once the preamble is done. */
    abstract int peerMinorVersion();

    /**
     * Whether the preamble chose no mechanism at all (plain {@code ZWS2.0}): each side's first frame is then its
     * routing id, with no ZMTP handshake.
     */
    boolean withoutMechanism() {
        return false;
    }

    /** Whether heartbeats are the wire's own control frames; ZMTP PING and PONG commands are then ignored. */
    boolean hasControlHeartbeats() {
        return false;
    }

    /**
     * Consumes bytes from {@code in} until something is complete and says what. A frame is described in
     * {@code view}, valid until {@code in} changes or the next call.
     */
    abstract Input decode(ByteBuffer in, Frame view) throws ProtocolException;

    /** Where a large frame's body may be read straight into, bypassing the input buffer; null when none is. */
    ByteBuffer largeBodyWindow() {
        return null;
    }

    /** {@code count} bytes were read into the last {@link #largeBodyWindow()}. */
    void bodyFilled(int count) {}

    /** The handshake succeeded: frames up to MAXMSGSIZE are accepted from now on. */
    abstract void handshakeDone();

    /** Loads a frame to write; it must not be pending another. */
    abstract void load(Frame frame);

    /**
     * Loads our heartbeat PING ({@code pong} false) or the PONG answering the peer's ({@code pong} true): on ZMTP the
     * command itself, through the mechanism (CURVE boxes it); on a wire with control heartbeats, a control frame
     * carrying the command's body as payload, outside any mechanism.
     */
    abstract void loadOwnCommand(Frame command, boolean pong, Mechanism mechanism);

    /** The payload a PONG must carry to answer the last wire-level PING; only after {@link Input#PING}. */
    Frame pongPayload() {
        throw new IllegalStateException("this wire has no control heartbeats");
    }

    /** Loads the answer to the peer's close; only after {@link Input#CLOSE}. */
    void loadClose() {
        throw new IllegalStateException("this wire has no close frames");
    }

    abstract boolean hasPending();

    /** Writes as much of the loaded frame as fits; true when it is complete (or nothing was loaded). */
    abstract boolean encode(ByteBuffer out);
}
