package dev.zmq4j.protocol.mechanism;

import dev.zmq4j.msg.Frame;
import dev.zmq4j.msg.Properties;
import dev.zmq4j.protocol.Metadata;
import dev.zmq4j.protocol.ProtocolException;

/**
 * A ZMTP security mechanism (23/ZMTP "Authentication and Confidentiality": NULL, 24/ZMTP-PLAIN and
 * 25/ZMTP-CURVE): the handshake that follows the greeting, and what happens to data frames after it. It works on frames
 * only, never on a channel: the engine decodes what arrives and encodes what it is given, so a mechanism can be
 * tested with no socket at all.
 *
 * <p>How the engine drives it:
 *
 * <ol>
 *   <li>once the greeting is exchanged (and the peer announced the same mechanism), it sends every command
 *       {@link #nextHandshakeCommand()} gives until that returns null;
 *   <li>every frame the peer sends before the handshake completes goes to {@link #processHandshakeCommand}, after
 *       which the engine again sends what {@link #nextHandshakeCommand()} gives and looks at {@link #status()};
 *   <li>{@link Status#READY}: the handshake is done, {@link #peerMetadata()} is known, and every frame from then on
 *       passes through {@link #encode} on its way out and {@link #decode} on its way in;
 *   <li>{@link Status#FAILED}: the engine sends what is queued (an ERROR command, say), raises the event
 *       {@link #failure()} names and closes the connection.
 * </ol>
 *
 * <p>A mechanism that must ask someone else before it can answer (a PLAIN or CURVE server asking its ZAP handler)
 * stays {@link Status#HANDSHAKING} with nothing to send; when the answer is in, the engine is told
 * ({@code Engine.zapReplyArrived()}) and calls {@link #zapReplyArrived()}, then carries on as in step 2.
 *
 * <p>A malformed or unexpected command is a {@link ProtocolException} carrying the libzmq monitor code; a peer that
 * is well-formed but not allowed in (an ERROR from the peer, a refused password) is {@link Status#FAILED}.
 *
 * <p>Not thread-safe: one mechanism per connection, called only on its engine's I/O thread.
 */
public interface Mechanism {
    /** Where the handshake stands. */
    enum Status {
        HANDSHAKING,
        READY,
        FAILED
    }

    /** The name in the greeting: "NULL", "PLAIN", "CURVE". Both peers must announce the same. */
    String name();

    /** The greeting's as-server bit for this side (libzmq ignores the peer's). */
    boolean asServer();

    /** The next handshake command to send, or null when none is due now. */
    Frame nextHandshakeCommand();

    /**
     * Takes a frame the peer sent during the handshake. The frame is a view valid only during the call.
     *
     * @throws ProtocolException if the frame breaks the mechanism's protocol (a message, an unknown or malformed
     *     command, metadata that does not parse, an incompatible socket type)
     */
    void processHandshakeCommand(Frame frame) throws ProtocolException;

    /** An authentication reply this mechanism was waiting for has arrived. */
    default void zapReplyArrived() throws ProtocolException {}

    Status status();

    /** Why the handshake failed; only when {@link #status()} is {@link Status#FAILED}. */
    HandshakeFailure failure();

    /** The properties the peer sent (Socket-Type, Identity, ...); only when {@link #status()} is READY. */
    Metadata peerMetadata();

    /**
     * A frame as it goes on the wire after the handshake: for NULL and PLAIN the frame itself (so nothing is
     * allocated), for CURVE the MESSAGE command that boxes it, a view valid until the next call. Frames are
     * encoded in the order they go on the wire, each once the previous one is written.
     */
    Frame encode(Frame frame);

    /**
     * A frame from the wire after the handshake as the engine should see it: for NULL and PLAIN the frame itself,
     * for CURVE the frame a MESSAGE command carries, a view valid until the next call.
     *
     * @throws ProtocolException if the frame cannot be opened (a forged, replayed or malformed box)
     */
    Frame decode(Frame frame) throws ProtocolException;

    /** Adds the User-Id and metadata the ZAP handler gave the peer, if it was asked; once READY. */
    default void addZapPropertiesTo(Properties.Builder properties) {}

    /** The connection is gone: forget the secrets it used. Called once. */
    default void destroy() {}
}
