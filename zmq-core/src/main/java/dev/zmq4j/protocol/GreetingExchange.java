package dev.zmq4j.protocol;

import dev.zmq4j.SocketEvent;
import java.nio.ByteBuffer;

/**
 * One side of the ZMTP 3.x greeting exchange (23/ZMTP and 37/ZMTP, "Version Negotiation"), as bytes in and bytes out:
 * no channel, so it can be tested byte by byte and reused by any transport that carries ZMTP.
 *
 * <p>Our greeting goes out in the stages libzmq uses (see {@link Greeting}): the 10-byte signature at once, the major
 * version once the peer's signature proves it versioned, the remaining 53 bytes once the peer's major version says 3
 * or later. {@link #produce} writes whatever part is due and not yet written; {@link #receive} takes the peer's bytes
 * (never more than its 64) and checks each part as soon as it is complete, so a ZMTP 1.0 or 2.0 peer, or one that
 * speaks no ZMTP at all, is refused without waiting for bytes it will never send.
 *
 * <p>Not thread-safe: one per connection, used on that connection's I/O thread.
 */
public final class GreetingExchange {
    private final byte[] own;
    /** How much of our greeting the peer's bytes so far allow us to send. */
    private int due = Greeting.SIGNATURE_SIZE;

    private int produced;
    private final byte[] peer = new byte[Greeting.SIZE];
    private int received;

    /**
     * @param routingIdLength the length of our routing id, announced in the padding for ZMTP 1.0 peers
     * @param mechanism our security mechanism's name, e.g. "NULL"
     */
    public GreetingExchange(int routingIdLength, String mechanism, boolean asServer) {
        this.own = Greeting.full(routingIdLength, mechanism, asServer);
    }

    /** Writes as much of the due and unwritten part of our greeting as fits into {@code out}. */
    public void produce(ByteBuffer out) {
        int count = Math.min(out.remaining(), due - produced);
        out.put(own, produced, count);
        produced += count;
    }

    /** Whether part of our greeting is due and not written yet. */
    public boolean hasOutput() {
        return produced < due;
    }

    /**
     * Takes the peer's greeting bytes from {@code in}, leaving whatever follows the 64th byte (the first frames)
     * where it is.
     *
     * @throws ProtocolException if the peer does not speak ZMTP 3.0 or later; the exchange is then over
     */
    public void receive(ByteBuffer in) throws ProtocolException {
        int count = Math.min(in.remaining(), Greeting.SIZE - received);
        int before = received;
        in.get(peer, received, count);
        received += count;
        if (before == 0 && received > 0 && peer[0] != (byte) 0xFF) {
            // Not even the first signature byte: garbage or ZMTP 1.0 with a short identity; no need to wait for more.
            throw new ProtocolException(
                    "the peer does not speak ZMTP 3 (first byte is not 0xFF)",
                    SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
        }
        if (before < Greeting.SIGNATURE_SIZE && received >= Greeting.SIGNATURE_SIZE) {
            if (!Greeting.isVersionedSignature(peer)) {
                throw new ProtocolException(
                        "the peer does not speak ZMTP 3 (no versioned signature)",
                        SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
            }
            due = Greeting.MAJOR_OFFSET + 1;
        }
        if (before <= Greeting.MAJOR_OFFSET && received > Greeting.MAJOR_OFFSET) {
            int major = Greeting.major(peer);
            if (major < Greeting.VERSION_MAJOR) {
                throw new ProtocolException(
                        "the peer speaks ZMTP " + (major < 1 ? "1.0" : "2.0") + ", zmq4j needs ZMTP 3.0 or later",
                        SocketEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED);
            }
            due = Greeting.SIZE;
        }
    }

    /** Whether the peer's whole greeting has arrived. */
    public boolean isComplete() {
        return received == Greeting.SIZE;
    }

    /** The mechanism the peer announced; only once {@link #isComplete()}. */
    public String peerMechanism() {
        return Greeting.mechanism(peer);
    }

    /** The peer's as-server byte (libzmq ignores it); only once {@link #isComplete()}. */
    public boolean peerAsServer() {
        return Greeting.asServer(peer);
    }

    /**
     * The ZMTP minor version both sides speak: the peer's for major version 3 (0 for ZMTP 3.0, 1 for 3.1), ours
     * for a later major version, whose peer falls back to us. Only once {@link #isComplete()}.
     */
    public int peerMinorVersion() {
        return Greeting.major(peer) > Greeting.VERSION_MAJOR ? Greeting.VERSION_MINOR : Greeting.minor(peer);
    }

    @Override
    public String toString() {
        return "GreetingExchange[sent " + produced + "/" + due + ", received " + received + "/" + Greeting.SIZE + "]";
    }
}
